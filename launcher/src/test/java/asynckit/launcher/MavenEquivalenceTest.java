package asynckit.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import asynckit.course.Course;
import asynckit.course.Manifest;
import asynckit.launcher.engine.Engine;
import asynckit.launcher.engine.RunRequest;
import asynckit.launcher.engine.RunResult;
import asynckit.launcher.engine.TestOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The engine gives the same results as Maven: for every exercise's stub and reference solution, the
 * same tests (by display name) pass and fail in {@code ./mvnw test} (read from Surefire's reports) and in
 * the engine. Each side runs on its own copy of the kit; Maven runs once per copy, for every
 * exercise together (a few minutes; {@code -Dlauncher.equivalence=false} leaves this test out).
 */

// The testkit on this class path sets a 30 s default per test; these run whole exercises.
@Timeout(value = 30, unit = TimeUnit.MINUTES)
@DisplayName("Engine and Maven agree")
@DisabledIfSystemProperty(named = "launcher.equivalence", matches = "false")
class MavenEquivalenceTest {
    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"stub", "solution"})
    @DisplayName("every exercise: same tests, same pass or fail")
    void sameResults(String which) throws Exception {
        Path copy = work.resolve("kit");
        copyKit(KitCopy.ROOT, copy);
        List<Manifest> course = Course.discover(copy);
        if (which.equals("solution")) {
            for (Manifest m : course) {
                KitCopy.solve(copy, m.id());
            }
        }
        List<String> modules = course.stream().map(Manifest::module).toList();
        Path log = work.resolve("maven.log");
        Process mvn = new ProcessBuilder("sh", "./mvnw", "-B", "test", "-pl", String.join(",", modules),
                "-Dmaven.test.failure.ignore=true")
                .directory(copy.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(mvn.waitFor(15, TimeUnit.MINUTES)).as("Maven finished").isTrue();
        assertThat(mvn.exitValue()).as("Maven's exit code; its log:\n" + Files.readString(log)).isZero();

        List<String> differences = new ArrayList<>();
        try (Engine engine = new Engine()) {
            for (Manifest m : course) {
                Map<String, String> maven = surefire(copy.resolve(m.module()).resolve("target/surefire-reports"));
                RunResult r = engine.run(RunRequest.forExercise(copy.resolve(m.module()), List.of(),
                        Kit.defaultTestClassPath(), work.resolve("engine")).withCapturedOutput(true));
                Map<String, String> ours = new TreeMap<>();
                for (TestOutcome t : r.tests()) {
                    ours.put(t.displayName(), t.status() == TestOutcome.Status.PASSED ? "passed"
                            : t.status() == TestOutcome.Status.SKIPPED ? "skipped" : "failed");
                }
                System.out.printf("equivalence %-8s %-30s maven %s%n             %-8s %-30s engine %s%n",
                        which, m.id(), maven, "", "", ours);
                assertThat(maven).as("Surefire reports of " + m.id()).isNotEmpty();
                if (!maven.equals(ours)) {
                    differences.add(m.id() + " (" + which + "):\n  maven  " + maven + "\n  engine " + ours);
                }
                if (which.equals("stub")) {
                    assertThat(ours.values()).as(m.id() + " stub").containsOnly("failed");
                } else {
                    assertThat(ours.values()).as(m.id() + " solution").containsOnly("passed");
                }
            }
        }
        assertThat(differences).as("results that differ").isEmpty();
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

    /** The kit without git data or build output (as scripts/lib/kit-copy.sh copies it). */
    static void copyKit(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path rel = from.relativize(p);
                String r = rel.toString().replace('\\', '/');
                if (r.startsWith(".git") || r.contains("/target/") || r.startsWith("target/") || r.startsWith(".kit/")
                        || r.startsWith("grade-report/")) {
                    continue;
                }
                KitCopy.copy(p, to.resolve(rel.toString()));
            }
        }
        to.resolve("mvnw").toFile().setExecutable(true);
    }
}
