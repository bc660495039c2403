package asynckit.grader;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Gradescope's side of the grader ({@code run_autograder} calls {@code grader gradescope}): where Gradescope
 * puts things, finding the learner's repository in what they uploaded, and a {@code results.json} in every
 * case, visible to the student, even when grading could not run.
 *
 * <p>Gradescope's layout is {@code /autograder/source} (the kit, from the autograder zip),
 * {@code /autograder/submission} (what the student uploaded) and {@code /autograder/results/results.json}
 * (what it shows). {@code AUTOGRADER_ROOT} moves all three, so the same code runs in a test's folder.
 */
final class Gradescope {
    static final String ROOT_VARIABLE = "AUTOGRADER_ROOT";

    private Gradescope() {}

    /** Gradescope's three folders. */
    record Layout(Path root, Path source, Path submission, Path results) {
        static Layout of(Path root) {
            Path r = root.toAbsolutePath().normalize();
            return new Layout(r, r.resolve("source"), r.resolve("submission"), r.resolve("results"));
        }

        /** {@code --autograder}, else {@code AUTOGRADER_ROOT}, else {@code /autograder}. */
        static Layout of(Path option, Map<String, String> env) {
            if (option != null) {
                return of(option);
            }
            String root = env.get(ROOT_VARIABLE);
            return of(Path.of(root == null || root.isBlank() ? "/autograder" : root));
        }

        Path resultsFile() {
            return results.resolve("results.json");
        }
    }

    /**
     * Where the learner's repository is in a submission: the submission itself, or the one folder in it that
     * holds the kit's layout (an upload of the repository's folder, or GitHub's "Download ZIP"), with a note
     * saying so; or a refusal the student reads, when there is none or more than one.
     */
    record Located(Path repo, String note, String refusal) {
        static Located found(Path repo, String note) {
            return new Located(repo, note, null);
        }

        static Located refused(String why) {
            return new Located(null, null, why);
        }
    }

    /** Folders that make a folder a learner's repository of this kit. */
    static final List<String> MARKERS = List.of("exercises", "quizzes/attempts");
    /** What archivers add next to the real content (macOS' resource forks, hidden folders). */
    private static final List<String> IGNORED = List.of("__MACOSX");

    static Located locate(Path submission) throws IOException {
        if (!Files.isDirectory(submission, LinkOption.NOFOLLOW_LINKS)) {
            return Located.refused("Gradescope gave no submission folder (" + submission + "): nothing to grade.");
        }
        if (looksLikeRepo(submission)) {
            return Located.found(submission, null);
        }
        List<Path> candidates = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(submission)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                seen.add(name + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : ""));
                if (name.startsWith(".") || IGNORED.contains(name) || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (looksLikeRepo(p)) {
                    candidates.add(p);
                }
            }
        }
        seen.sort(null);
        if (candidates.size() == 1) {
            String name = candidates.get(0).getFileName().toString();
            return Located.found(candidates.get(0), "Your repository was found one folder down, in " + name + "/, and"
                    + " graded from there.");
        }
        if (candidates.size() > 1) {
            List<String> names = candidates.stream().map(p -> p.getFileName() + "/").sorted().toList();
            return Located.refused("Your submission holds " + candidates.size() + " repositories (" + String.join(", ",
                    names) + "), so it is not clear which one to grade. Upload only one: the folder that holds"
                    + " exercises/ and quizzes/ (or its contents), or submit your GitHub repository.");
        }
        String holds = seen.isEmpty() ? "nothing" : String.join(", ", seen.subList(0, Math.min(12, seen.size())))
                + (seen.size() > 12 ? ", ..." : "");
        return Located.refused("Your submission has no exercises/ folder, so there is nothing to grade (it holds: "
                + holds + "). Upload your whole repository (the folder that holds exercises/ and quizzes/, or its"
                + " contents), or submit your GitHub repository; then your code in exercises/NN-.../src/main/java"
                + " and your quiz attempts in quizzes/attempts are graded.");
    }

    private static boolean looksLikeRepo(Path dir) {
        for (String marker : MARKERS) {
            if (Files.isDirectory(dir.resolve(marker), LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return false;
    }

    /** A results.json for a run that produced no report: score 0, the reason, and the output shown. */
    static String fallback(String output) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("score", 0);
        root.put("output", output);
        root.put("output_format", "text");
        root.put("visibility", "visible");
        root.put("stdout_visibility", "visible");
        root.put("tests", List.of());
        return JsonSupport.pretty(root);
    }

    /** The report's results.json with a note for the student added at the top of its output. */
    static String withNote(String resultsJson, String note) throws IOException {
        if (note == null) {
            return resultsJson;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> root = JsonSupport.MAPPER.readValue(resultsJson, LinkedHashMap.class);
        Object output = root.get("output");
        root.put("output", note + "\n\n" + (output == null ? "" : output));
        return JsonSupport.pretty(root);
    }

    /**
     * {@code grader gradescope}: grades Gradescope's submission against the kit in its source folder, in
     * instructor mode, and writes {@code results/results.json} whatever happens (exit 0 then; Gradescope reads
     * the file, not the exit code).
     */
    @Command(name = "gradescope", description = "Gradescope's run_autograder: grade AUTOGRADER_ROOT/submission"
            + " (default /autograder) against the kit in AUTOGRADER_ROOT/source; results.json in every case.")
    static final class Run extends Main.Common implements Callable<Integer> {
        @Option(names = "--autograder", description = "Gradescope's folder (default: $AUTOGRADER_ROOT, else /autograder)")
        Path autograder;
        @Option(names = "--deadline", description = "when grading must be over, in seconds since 1970 (run_autograder"
                + " passes its start plus its budget); each exercise then gets a share of the time left")
        long deadline;

        @Override
        public Integer call() throws IOException {
            Layout layout = Layout.of(autograder, System.getenv());
            Files.createDirectories(layout.results());
            Path kit = root == null || root.toString().isEmpty() ? layout.source() : root();
            Path reportDir = out != null ? out() : layout.results().resolve("kit");
            try {
                Located located = locate(layout.submission());
                if (located.refusal() != null) {
                    Main.Context.out.println("grader: " + located.refusal());
                    ReportFiles.write(layout.resultsFile(), fallback(located.refusal()));
                    return Main.GRADED;
                }
                if (located.note() != null) {
                    Main.Context.out.println("grader: " + located.note());
                }
                try (Grader grader = Grader.prepare(kit, false, null, only(), settings(), Quizzes.source(), progress(),
                        work)) {
                    if (deadline > 0) {
                        grader.finishBy(Instant.ofEpochSecond(deadline));
                    }
                    Report report = alone(grader).grade(located.repo(), "instructor", "submission", reportDir, null);
                    Main.printAndWrite(report, reportDir, kit);
                    ReportFiles.write(layout.resultsFile(), withNote(GradescopeReport.render(report), located.note()));
                    return Main.GRADED;
                }
            } catch (IOException | RuntimeException e) {
                String why = "Grading could not run: " + e.getMessage() + "\nThis is not about your code: tell your"
                        + " teacher (the autograder output below has the details).";
                Main.Context.err.println("grader: " + why);
                ReportFiles.write(layout.resultsFile(), fallback(why));
                return Main.GRADED;
            }
        }
    }
}
