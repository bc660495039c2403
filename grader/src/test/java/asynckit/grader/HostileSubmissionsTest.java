package asynckit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import asynckit.grader.Report.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * One batch over a cohort of hostile and broken submissions (fixtures in src/test/resources/hostile):
 * the batch finishes in bounded time, every learner gets a row, and each report names the reason.
 * About two minutes; it is part of the self-test (and so of CI), and a developer in a hurry can leave it
 * out with {@code -Dgrader.e2e=false}.
 */
@DisplayName("Hostile and broken submissions (batch mode)")
@DisabledIfSystemProperty(named = "grader.e2e", matches = "false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileSubmissionsTest {
    static final List<String> CASES = List.of("system-exit", "halt-with-fake-report", "fake-report", "spin",
            "deadlock", "non-daemon-thread", "noisy", "compile-error");
    static final int FORK_TIMEOUT = 20;

    @TempDir
    static Path temp;
    Batch.Summary summary;
    Map<String, Report> reports;
    Duration took;
    String console;

    @BeforeAll
    void gradeTheCohort() throws IOException {
        Path cohort = Files.createDirectories(temp.resolve("cohort"));
        for (String c : CASES) {
            Learners.hostile(cohort.resolve(c), c);
        }
        Files.createDirectories(cohort.resolve("empty-repo"));
        long start = System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "batch", cohort.toString(),
                "--root", Learners.ROOT.toString(), "--work", temp.resolve("ws").toString(),
                "--out", temp.resolve("out").toString(), "--fork-timeout", String.valueOf(FORK_TIMEOUT),
                "--test-timeout", "4 s");
        took = Duration.ofNanos(System.nanoTime() - start);
        console = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(console).isZero();
        summary = JsonSupport.MAPPER.readValue(temp.resolve("out/batch.json").toFile(), Batch.Summary.class);
        reports = CASES.stream().collect(Collectors.toMap(c -> c, c -> read(temp.resolve("out/learners/" + c))));
        System.out.println(console);
        System.out.printf("hostile batch: %d learners in %d s%n", summary.learners().size(), took.toSeconds());
    }

    private static Report read(Path dir) {
        try {
            return JsonSupport.readReport(Files.readString(dir.resolve("report.json")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Report.Exercise ex01(String learner) {
        return reports.get(learner).exercises().get(0);
    }

    @Test
    @DisplayName("every learner has a row in the CSV and JSON, and the batch ended in bounded time")
    void everyLearnerHasARow() throws IOException {
        assertThat(summary.learners()).extracting(Batch.Row::learner).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(CASES.stream(), java.util.stream.Stream.of("empty-repo")).toList());
        List<String> csv = Files.readAllLines(temp.resolve("out/batch.csv"));
        assertThat(csv).hasSize(CASES.size() + 2);
        assertThat(csv.get(0)).startsWith("learner,ex 01-waiting-problem,");
        int exercises = Inventory.bundled().exercises().size();
        assertThat(took).isLessThan(Duration.ofSeconds((long) (CASES.size() + 1) * (FORK_TIMEOUT + 60) * exercises));
    }

    @Test
    @DisplayName("System.exit: the test JVM ended early, 0 points, said so")
    void systemExit() {
        assertThat(ex01("system-exit").outcome()).isEqualTo(Outcome.JVM_ENDED_EARLY);
        assertThat(ex01("system-exit").points()).isZero();
        assertThat(ex01("system-exit").reason()).contains("System.exit");
    }

    @Test
    @DisplayName("a report faked by learner code that then halts the JVM counts for nothing")
    void haltWithFakeReport() {
        assertThat(ex01("halt-with-fake-report").outcome()).isEqualTo(Outcome.JVM_ENDED_EARLY);
        assertThat(ex01("halt-with-fake-report").points()).isZero();
    }

    @Test
    @DisplayName("an extra report planted beside the real one cannot turn failures into passes")
    void plantedReport() {
        assertThat(ex01("fake-report").outcome()).isEqualTo(Outcome.GRADED);
        assertThat(ex01("fake-report").points()).isZero();
    }

    @Test
    @DisplayName("a spin that ignores interrupts and a deadlock: stopped by the timeouts, 0 points, reason given")
    void neverEnding() {
        for (String learner : List.of("spin", "deadlock")) {
            Report.Exercise e = ex01(learner);
            assertThat(e.points()).as(learner).isZero();
            if (e.outcome() == Outcome.TIMED_OUT) {
                assertThat(e.reason()).contains("timed out");
            } else {
                assertThat(e.outcome()).as(learner).isEqualTo(Outcome.GRADED);
                assertThat(e.tests()).allSatisfy(t -> assertThat(t.message()).as(learner).contains("timed out"));
            }
        }
    }

    @Test
    @DisplayName("a non-daemon thread left running does not hang grading; correct code keeps its points")
    void nonDaemonThread() {
        Report.Exercise e = ex01("non-daemon-thread");
        assertThat(e.outcome()).isEqualTo(Outcome.GRADED);
        assertThat(e.points()).isEqualTo(e.maxPoints());
    }

    @Test
    @DisplayName("100 MB of output: graded, and the build log stays small")
    void noisy() throws IOException {
        assertThat(ex01("noisy").outcome()).isEqualTo(Outcome.GRADED);
        assertThat(Files.size(temp.resolve("out/learners/noisy/build.log"))).isLessThan(ChildBuild.MAX_LOG_BYTES + 4096);
    }

    @Test
    @DisplayName("a compile error: did not compile, with file and line")
    void compileError() {
        assertThat(ex01("compile-error").outcome()).isEqualTo(Outcome.DID_NOT_COMPILE);
        assertThat(ex01("compile-error").reason()).contains("PageFetcher.java:12");
    }

    @Test
    @DisplayName("a repository without the exercises grades the stubs, with a note")
    void emptyRepo() {
        Batch.Row row = summary.learners().stream().filter(r -> r.learner().equals("empty-repo")).findFirst()
                .orElseThrow();
        assertThat(row.points()).isZero();
        assertThat(row.error()).isNull();
        assertThat(String.join(" ", row.flags())).contains("missing");
    }
}
