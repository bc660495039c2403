package asynckit.grader;

import asynckit.course.Course;
import asynckit.quiz.Bank;
import asynckit.quiz.BankException;
import asynckit.quiz.BankParser;
import asynckit.quiz.Sealer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./kit export starter DIR}: the repository a teacher pushes as the classroom template. It is made from
 * the kit's last commit (as grading is), and holds what a learner needs and nothing that gives an answer away:
 * the exercises (stubs, tests, lessons), the testkit, the learner's commands, the quizzes (graded ones sealed:
 * no keys, no explanations), the grader and the classroom workflow, the devcontainer, and a README for learners.
 * Left out: {@code solutions/} (reference solutions, known-wrong and alternative variants, the self-test), the
 * tools' own tests, the maintainers' scripts and CI, Gradescope's files, quiz attempts.
 *
 * <p>When git is installed the export is a git repository with one commit: the grader's self mode checks a
 * learner's tests against the repository's first commit, which then is the starter as handed out.
 */
final class StarterExport {

    /** Top-level entries that go into the export; anything else in the kit stays out. */
    static final List<String> INCLUDED = List.of(".mvn/", "mvnw", "mvnw.cmd", "kit", "kit.cmd", "pom.xml",
            ".gitignore", ".gitattributes", ".devcontainer/", ".github/workflows/classroom.yml", "course/",
            "exercises/", "quizzes/", "engine/", "launcher/", "grader/");
    /** Inside those, what stays out: the tools' own tests, Gradescope's files, saved attempts. */
    static final List<String> EXCLUDED = List.of("course/src/test/", "quizzes/src/test/", "engine/src/test/",
            "launcher/src/test/", "grader/src/test/", "grader/gradescope/", "exercises/testkit/src/test/");
    private static final Pattern ATTEMPT = Pattern.compile("quizzes/attempts/[^/]+\\.json");
    /** The root pom's self-test profile (its module, solutions/, is not exported), with its comment. */
    private static final Pattern SELFTEST_PROFILE = Pattern.compile(
            "\\n[ \\t]*(<!--[^\\n]*-->[ \\t]*\\n[ \\t]*)?<profile>\\s*<id>selftest</id>.*?</profile>[ \\t]*(?=\\n)",
            Pattern.DOTALL);
    static final String COMMIT_MESSAGE = "Starter: the course as handed out (./kit export starter)";

    /**
     * What was written.
     *
     * @param commit the export's commit, or null when git is not installed (a plain folder)
     */
    record Result(Path dir, int files, long bytes, List<String> graded, List<String> practice, String kit,
                  String commit, List<String> notes) {}

    private StarterExport() {}

    /**
     * @param kit    the teacher's kit (with solutions/)
     * @param dest   a new or empty folder outside the kit
     * @param graded which banks to seal: null for each bank's own {@code graded:} field, else names, or
     *               {@code all} or {@code none}
     */
    static Result write(Path kit, Path dest, List<String> graded) throws IOException {
        kit = kit.toAbsolutePath().normalize();
        dest = dest.toAbsolutePath().normalize();
        if (!Files.isDirectory(kit.resolve("solutions"))) {
            throw new IOException(kit + " has no solutions/ folder: it is already a starter (or a learner's copy)."
                    + " Export from the teacher's full kit.");
        }
        if (dest.startsWith(kit)) {
            throw new IOException("the export folder " + dest + " is inside the kit; choose one outside it, e.g. ../"
                    + kit.getFileName() + "-starter");
        }
        if (Files.exists(dest) && (!Files.isDirectory(dest) || hasEntries(dest))) {
            throw new IOException(dest + " already exists and is not an empty folder; choose a new one (nothing was"
                    + " written)");
        }
        Path work = Grader.newWorkDir();
        try {
            KitSnapshot snapshot = KitSnapshot.ofKit(kit, work.resolve("kit"));
            Path from = snapshot.root();
            List<String> notes = new ArrayList<>(snapshot.notes());
            Files.createDirectories(dest);
            int files = 0;
            long bytes = 0;
            for (String file : FileTrees.listFiles(from, new ArrayList<>())) {
                if (!exported(file) || file.equals("pom.xml") || file.startsWith("quizzes/banks/")) {
                    continue;
                }
                Path to = dest.resolve(file);
                Files.createDirectories(to.getParent());
                Files.copy(from.resolve(file), to, StandardCopyOption.COPY_ATTRIBUTES);
                files++;
                bytes += Files.size(to);
            }
            bytes += write(dest.resolve("pom.xml"), withoutSelfTest(Files.readString(from.resolve("pom.xml"))));
            List<String> sealed = new ArrayList<>();
            List<String> practice = new ArrayList<>();
            Set<String> asked = graded == null ? null : new TreeSet<>(graded);
            StringBuilder quizTable = new StringBuilder("| quiz | kind | points |\n|---|---|---|\n");
            for (String file : FileTrees.listFiles(from.resolve("quizzes/banks"), new ArrayList<>()).stream().sorted()
                    .toList()) {
                Path source = from.resolve("quizzes/banks").resolve(file);
                Path to = dest.resolve("quizzes/banks").resolve(file);
                Files.createDirectories(to.getParent());
                files++;
                if (!file.endsWith(".quiz") || file.contains("/")) {
                    Files.copy(source, to, StandardCopyOption.COPY_ATTRIBUTES);
                    bytes += Files.size(to);
                    continue;
                }
                Bank bank = parse(source, "quizzes/banks/" + file);
                boolean seal = asked == null ? bank.graded() : asked.contains("all") || asked.contains(bank.name());
                if (asked != null) {
                    asked.remove(bank.name());
                }
                (seal ? sealed : practice).add(bank.name());
                if (seal) {
                    bytes += write(to, Sealer.seal(bank));
                } else {
                    Files.copy(source, to, StandardCopyOption.COPY_ATTRIBUTES);
                    bytes += Files.size(to);
                }
                quizTable.append("| `").append(bank.name()).append("`: ").append(bank.title()).append(" | ")
                        .append(seal ? "graded" : "practice").append(" | ").append(bank.maxPoints()).append(" |\n");
            }
            if (asked != null) {
                asked.removeAll(Set.of("all", "none"));
                if (!asked.isEmpty()) {
                    throw new IOException("--graded names " + String.join(", ", asked) + ", which the kit does not have;"
                            + " its quizzes: " + String.join(", ", concat(sealed, practice)) + " (or all, none)");
                }
            }
            String readme = template().replace("{{exercises}}", Course.readmeTable(Course.discover(from)))
                    .replace("{{quizzes}}", quizTable.toString());
            bytes += write(dest.resolve("README.md"), readme);
            files += 2;
            String commit = commit(dest, notes);
            return new Result(dest, files, bytes, sealed, practice, snapshot.description(), commit, notes);
        } catch (IOException | RuntimeException e) {
            FileTrees.deleteTree(dest);
            throw e;
        } finally {
            FileTrees.deleteTree(work);
        }
    }

    /** Whether a file of the kit (relative, '/'-separated) goes into the export. */
    static boolean exported(String file) {
        boolean in = INCLUDED.stream().anyMatch(p -> p.endsWith("/") ? file.startsWith(p) : file.equals(p));
        return in && EXCLUDED.stream().noneMatch(file::startsWith) && !ATTEMPT.matcher(file).matches()
                && !FileTrees.isBuildOutput(Path.of(file));
    }

    /** The root pom without its self-test profile; fails when the profile is not found exactly once. */
    static String withoutSelfTest(String pom) throws IOException {
        Matcher m = SELFTEST_PROFILE.matcher(pom);
        if (!m.find()) {
            throw new IOException("the kit's pom.xml has no <profile> with <id>selftest</id>: the export cannot leave"
                    + " the self-test (solutions/) out of it");
        }
        String out = pom.substring(0, m.start()) + pom.substring(m.end());
        if (SELFTEST_PROFILE.matcher(out).find() || out.contains("<module>solutions</module>")) {
            throw new IOException("the kit's pom.xml still names solutions/ after its selftest profile was removed");
        }
        return out;
    }

    private static Bank parse(Path file, String shown) throws IOException {
        try {
            return BankParser.parse(file, shown);
        } catch (BankException e) {
            throw new IOException("a quiz bank of the kit is malformed: " + String.join("; ", e.problems()), e);
        }
    }

    /**
     * Makes the export a git repository with one commit, when git is installed (the grader's self mode checks the
     * tests against the first commit). Without git, it stays a plain folder and a note says what to run.
     */
    private static String commit(Path dest, List<String> notes) throws IOException {
        if (KitSnapshot.tryGit(dest, "--version") == null) {
            notes.add("git is not installed: " + dest + " is a plain folder. Make it a repository before you push it"
                    + " (git init && git add -A && git commit -m starter): a learner's self-check compares the tests"
                    + " with that first commit");
            return null;
        }
        run(dest, "-c", "init.defaultBranch=main", "init", "-q");
        run(dest, "add", "-A");
        List<String> identity = new ArrayList<>();
        if (KitSnapshot.tryGit(dest, "config", "user.email") == null
                || KitSnapshot.tryGit(dest, "config", "user.name") == null) {
            identity = List.of("-c", "user.name=asynckit export", "-c", "user.email=export@asynckit.invalid");
            notes.add("git has no user.email here: the starter commit is authored by \"asynckit export\"");
        }
        List<String> args = new ArrayList<>(identity);
        args.addAll(List.of("commit", "-q", "--no-verify", "--no-gpg-sign", "-m", COMMIT_MESSAGE));
        run(dest, args.toArray(String[]::new));
        return KitSnapshot.git(dest, "rev-parse", "HEAD").strip();
    }

    private static void run(Path dir, String... args) throws IOException {
        Process p = KitSnapshot.gitBuilder(dir, args).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("git " + String.join(" ", args) + " failed in " + dir + ": " + out.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while committing the export", e);
        }
    }

    private static String template() throws IOException {
        try (InputStream in = StarterExport.class.getResourceAsStream("starter/README.md")) {
            if (in == null) {
                throw new IOException("the grader's resource starter/README.md is missing (rebuild the grader)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static long write(Path file, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(file.getParent());
        Files.write(file, b);
        return b.length;
    }

    private static boolean hasEntries(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
