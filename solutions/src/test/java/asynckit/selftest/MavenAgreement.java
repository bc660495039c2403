package asynckit.selftest;

import asynckit.course.Manifest;
import asynckit.engine.TestOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The self-test trusts the kit's engine to run tests as Maven does; this proves it, on the same
 * implementations the self-test runs anyway. One {@code ./mvnw test} over a copy of the kit in which each
 * chosen exercise holds one implementation (the solution and the stub in turn, so that both a passing and a
 * failing run are compared in every self-test), while the self-test runs; then, per exercise, the same tests
 * (by display name) must pass and fail in Surefire's reports and in the engine.
 *
 * <p>It is a check of the engine, not of the exercises (the engine runs every implementation; the grader's
 * end-to-end test builds and grades every solution with Maven's compiler settings), and Maven's run costs a
 * build and a test JVM per exercise: by default it covers {@value #SHARE} exercises, a different part of the
 * course for each commit ({@code -Dselftest.maven=all} covers every exercise, {@code -Dselftest.maven=false}
 * leaves it out).
 */
final class MavenAgreement {
    static final String MODE = System.getProperty("selftest.maven", "");
    static final boolean ENABLED = !"false".equals(MODE);
    /** How many exercises Maven's run covers unless -Dselftest.maven=all. */
    static final int SHARE = 4;
    private static final long LIMIT_MINUTES = 15;

    private final Path copy;
    private final CompletableFuture<String> build;

    private MavenAgreement(Path copy, CompletableFuture<String> build) {
        this.copy = copy;
        this.build = build;
    }

    /**
     * The exercises Maven's run covers, each with the implementation it holds (solution, stub, solution, ...):
     * all of them with {@code -Dselftest.maven=all} or when there are no more than {@link #SHARE}; otherwise every
     * k-th exercise (k = ceil(n / SHARE)) from an offset taken from {@code seed} (the commit), so that another
     * commit covers another part of the course and a run of the same commit is repeated exactly.
     */
    static Map<Manifest, Implementation.Kind> choose(List<Manifest> exercises, String seed, boolean all) {
        int n = exercises.size();
        int stride = all || n <= SHARE ? 1 : (n + SHARE - 1) / SHARE;
        int offset = Math.floorMod(seed.hashCode(), stride);
        Map<Manifest, Implementation.Kind> chosen = new LinkedHashMap<>();
        for (int i = offset; i < n; i += stride) {
            chosen.put(exercises.get(i), chosen.size() % 2 == 0 ? Implementation.Kind.SOLUTION : Implementation.Kind.STUB);
        }
        return chosen;
    }

    /** The commit the kit is at (what {@link #choose} rotates on), or "" outside git. */
    static String commit(Path root) {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "HEAD").directory(root.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            return git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Copies the kit with each exercise's chosen implementation and starts Maven on it, in the background. */
    static MavenAgreement start(Path root, Map<Manifest, Implementation> chosen, Path work, Executor executor) {
        Path copy = work.resolve("maven-kit");
        CompletableFuture<String> build = CompletableFuture.supplyAsync(() -> {
            try {
                copyKit(root, copy);
                for (Map.Entry<Manifest, Implementation> e : chosen.entrySet()) {
                    Path main = copy.resolve(e.getKey().module()).resolve("src/main/java");
                    for (Path layer : e.getValue().layers()) {
                        copyTree(layer, main);
                    }
                }
                List<String> modules = chosen.keySet().stream().map(Manifest::module).toList();
                Path log = work.resolve("maven-agreement.log");
                // -am: the testkit is built from the copy, never taken from the local repository (~/.m2 may hold
                // another version of it). Only the exercises' tests run (asynckit.exNN): the testkit's and the
                // course's own tests run in the kit's build already.
                Process mvn = new ProcessBuilder("sh", "./mvnw", "-B", "test", "-am", "-pl", String.join(",", modules),
                        "-Dmaven.test.failure.ignore=true", "-Dtest=asynckit/ex*/**",
                        "-Dsurefire.failIfNoSpecifiedTests=false")
                        .directory(copy.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!mvn.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES)) {
                    mvn.descendants().forEach(ProcessHandle::destroyForcibly);
                    mvn.destroyForcibly();
                    throw new IllegalStateException("./mvnw test on the copy did not finish in " + LIMIT_MINUTES
                            + " minutes; its log: " + log);
                }
                if (mvn.exitValue() != 0) {
                    throw new IllegalStateException("./mvnw test on the copy failed (exit " + mvn.exitValue()
                            + "); its log:\n" + Files.readString(log));
                }
                return log.toString();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, executor);
        return new MavenAgreement(copy, build);
    }

    /** Fails unless Maven's and the engine's results for this exercise agree test by test. */
    void check(Manifest m, Implementation impl, List<TestOutcome> engine) throws Exception {
        build.join();
        Map<String, String> maven = surefire(copy.resolve(m.module()).resolve("target/surefire-reports"));
        Map<String, String> ours = new TreeMap<>();
        for (TestOutcome t : engine) {
            ours.put(t.displayName(), t.status() == TestOutcome.Status.PASSED ? "passed"
                    : t.status() == TestOutcome.Status.SKIPPED ? "skipped" : "failed");
        }
        if (maven.isEmpty()) {
            throw new AssertionError("./mvnw test wrote no Surefire report for " + m.id() + " (" + impl.name() + ")");
        }
        if (!maven.equals(ours)) {
            List<String> differ = new ArrayList<>();
            Map<String, String> all = new LinkedHashMap<>(maven);
            ours.forEach(all::putIfAbsent);
            all.keySet().forEach(name -> {
                String a = maven.getOrDefault(name, "absent");
                String b = ours.getOrDefault(name, "absent");
                if (!a.equals(b)) {
                    differ.add("  '" + name + "': Maven " + a + ", engine " + b);
                }
            });
            throw new AssertionError(m.id() + " (" + impl.name() + "): the engine and ./mvnw test disagree:\n"
                    + String.join("\n", differ));
        }
    }

    /** Display name to passed/failed/skipped, from Surefire's XML reports. */
    static Map<String, String> surefire(Path reports) throws Exception {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(reports)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(reports)) {
            files = s.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
        }
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        for (Path f : files) {
            Document doc = factory.newDocumentBuilder().parse(f.toFile());
            NodeList cases = doc.getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element c = (Element) cases.item(i);
                String status = c.getElementsByTagName("failure").getLength() > 0
                        || c.getElementsByTagName("error").getLength() > 0 ? "failed"
                        : c.getElementsByTagName("skipped").getLength() > 0 ? "skipped" : "passed";
                out.put(c.getAttribute("name"), status);
            }
        }
        return out;
    }

    /** The kit without git data, build output, learner state or solutions. */
    private static void copyKit(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String r = from.relativize(p).toString().replace('\\', '/');
                if (r.startsWith(".git") || r.contains("/target/") || r.startsWith("target/") || r.startsWith(".kit/")
                        || r.startsWith("grade-report/") || r.startsWith("solutions/")) {
                    continue;
                }
                Path target = to.resolve(r);
                Files.createDirectories(target.getParent());
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        to.resolve("mvnw").toFile().setExecutable(true);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
