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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * One batch over a cohort of hostile and broken submissions (fixtures in src/test/resources/hostile; the
 * hostile code is in exercise 01, which is all the batch grades): every learner gets a row, each scores
 * what its real code earns, each attack is flagged where it tampered, the kit and the other learners'
 * results are untouched, and no process is left behind. The kit is a fresh clone (so an attack that got
 * through could only reach that), and every fixture that writes anything writes only under the test's
 * own folders (named asynckit-hostile). Part of the self-test; {@code -Dgrader.e2e=false} leaves it out.
 */
@DisplayName("Hostile and broken submissions (batch mode)")
@DisabledIfSystemProperty(named = "grader.e2e", matches = "false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@org.junit.jupiter.api.parallel.ResourceLock(Main.CONTEXT_LOCK)
class HostileSubmissionsTest {
    static final List<String> FIXTURES = List.of("system-exit", "halt-with-fake-report", "fake-report", "spin",
            "deadlock", "non-daemon-thread", "noisy", "compile-error", "planted-extension", "kit-backdoor",
            "report-rewrite", "pipe-holder", "shadow-testkit", "reflection-oracle", "canned-answers", "out-of-memory",
            "thread-bomb", "kit-reader");
    /** What the fixtures' stray processes carry in their command line; made unique to this JVM at copy time. */
    static final String FIXTURE_MARKER = "asynckit-hostile-marker";
    static final String MARKER = FIXTURE_MARKER + "-" + ProcessHandle.current().pid();
    /** Long enough for correct code on a loaded machine; the spin and the deadlock are stopped by it. */
    static final int FORK_TIMEOUT = 30;
    /** Learners at once: most of the batch is waiting (the spin and the deadlock wait out their limit). */
    static final int JOBS = 4;

    @TempDir
    static Path temp;
    Path kit;
    Path out;
    String mavenConfig;
    Batch.Summary summary;
    Map<String, Report> reports = new LinkedHashMap<>();
    Duration took;
    String console;

    @BeforeAll
    void gradeTheCohort() throws IOException {
        kit = temp.resolve("asynckit-hostile-kit");
        assertThat(KitSnapshot.tryGit(Learners.ROOT, "clone", "-q", Learners.ROOT.toString(), kit.toString()))
                .as("git clone of the kit").isNotNull();
        mavenConfig = Files.readString(kit.resolve(".mvn/maven.config"));
        Path cohort = Files.createDirectories(temp.resolve("asynckit-hostile-cohort"));
        for (String c : FIXTURES) {
            Learners.hostile(cohort.resolve(c), c);
            // This run's own marker: another run of this test on the machine (another clone) leaves its own.
            try (Stream<Path> files = Files.walk(cohort.resolve(c))) {
                for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f);
                    if (text.contains(FIXTURE_MARKER)) {
                        Files.writeString(f, text.replace(FIXTURE_MARKER, MARKER));
                    }
                }
            }
        }
        Files.createDirectories(cohort.resolve("empty-repo"));
        Learners.solved01(cohort.resolve("classmate"));
        Path linked = Files.createDirectories(cohort.resolve("nested-symlink/exercises/01-waiting-problem/src"));
        Files.createSymbolicLink(linked.resolve("main"),
                cohort.resolve("classmate/exercises/01-waiting-problem/src/main"));

        out = temp.resolve("asynckit-hostile-out");
        long start = System.nanoTime();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(captured, true, StandardCharsets.UTF_8), System.err, "batch",
                cohort.toString(), "--root", kit.toString(), "--work", temp.resolve("asynckit-hostile-work").toString(),
                "--out", out.toString(), "--only", "01", "--jobs", String.valueOf(JOBS), "--fork-timeout",
                String.valueOf(FORK_TIMEOUT), "--time-scale", "3", "--progress", "auto", "--build-cache",
                Learners.BUILD_CACHE == null ? "" : Learners.BUILD_CACHE.toString());
        took = Duration.ofNanos(System.nanoTime() - start);
        console = captured.toString(StandardCharsets.UTF_8);
        assertThat(code).as(console).isZero();
        summary = JsonSupport.MAPPER.readValue(out.resolve("batch.json").toFile(), Batch.Summary.class);
        for (Batch.Row row : summary.learners()) {
            reports.put(row.learner(), read(row.learner()));
        }
        System.out.println(console);
        System.out.printf("hostile batch: %d learners in %d s%n", summary.learners().size(), took.toSeconds());
        System.out.println("| case | score | flagged | outcome | seconds |");
        for (Batch.Row row : summary.learners()) {
            Report.Exercise e = reports.get(row.learner()).exercises().get(0);
            System.out.printf("| %s | %d/%d | %s | %s | %.1f |%s%n", row.learner(), e.points(), e.maxPoints(),
                    e.flagged() ? "yes: " + String.join("; ", e.flags()) : "no", e.outcome(), row.seconds(),
                    e.tests().stream().filter(t -> t.status() != Report.Status.PASSED && e.points() > 0)
                            .map(t -> " failed: " + t.name() + ": " + Messages.oneLine(t.message()))
                            .reduce("", String::concat));
        }
    }

    private Report read(String learner) {
        try {
            return JsonSupport.readReport(Files.readString(out.resolve("learners/" + learner + "/report.json")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Report.Exercise ex01(String learner) {
        return reports.get(learner).exercises().get(0);
    }

    private int full() {
        return ex01("classmate").maxPoints();
    }

    @Test
    @DisplayName("every learner has a row in the CSV and JSON, and the batch ended in bounded time")
    void everyLearnerHasARow() throws IOException {
        List<String> all = new ArrayList<>(FIXTURES);
        all.addAll(List.of("empty-repo", "classmate", "nested-symlink"));
        assertThat(summary.learners()).extracting(Batch.Row::learner).containsExactlyInAnyOrderElementsOf(all);
        assertThat(summary.learners()).allSatisfy(r -> assertThat(r.error()).as(r.learner()).isNull());
        List<String> csv = Files.readAllLines(out.resolve("batch.csv"));
        assertThat(csv).hasSize(all.size() + 1);
        assertThat(csv.get(0)).startsWith("learner,ex 01-waiting-problem,");
        assertThat(took).isLessThan(Duration.ofSeconds((long) all.size() * (FORK_TIMEOUT + 30)));
    }

    @Test
    @DisplayName("output that is not a terminal gets one plain line per learner, no progress-bar frames; the cohort"
            + " page shows each learner's marks")
    void plainProgressAndCohortPage() throws IOException {
        assertThat(console).doesNotContain("\r");
        assertThat(console.lines().filter(l -> l.matches("\\[ ?\\d+/\\d+\\] .*"))).hasSize(summary.learners().size());
        assertThat(summary.jobs()).isEqualTo(JOBS);
        String page = Files.readString(out.resolve("cohort.html"));
        assertThat(page).contains("<h1>Cohort: " + summary.learners().size() + " learners</h1>")
                .contains("did not compile: 01").contains("<a href=\"learners/classmate/report.html\">");
        Batch.Row compile = summary.learners().stream().filter(r -> r.learner().equals("compile-error")).findFirst()
                .orElseThrow();
        assertThat(compile.marks().didNotCompile()).containsExactly("01-waiting-problem");
        for (String learner : List.of("spin", "deadlock")) {
            assertThat(summary.learners().stream().filter(r -> r.learner().equals(learner)).findFirst().orElseThrow()
                    .marks().timedOut()).as(learner).containsExactly("01-waiting-problem");
        }
    }

    @Test
    @DisplayName("the solved classmate scores every point, unflagged: the others' attacks did not reach it")
    void classmate() {
        assertThat(ex01("classmate").points()).isEqualTo(full()).isPositive();
        assertThat(ex01("classmate").flagged()).isFalse();
    }

    @Test
    @DisplayName("System.exit and a faked report before halting: the test JVM ended early, 0 points, said so")
    void endsTheJvm() {
        for (String learner : List.of("system-exit", "halt-with-fake-report")) {
            assertThat(ex01(learner).outcome()).as(learner).isEqualTo(Outcome.JVM_ENDED_EARLY);
            assertThat(ex01(learner).points()).as(learner).isZero();
            assertThat(ex01(learner).flags()).as(learner).anyMatch(f -> f.contains("can end the JVM"));
        }
    }

    @Test
    @DisplayName("an extra report planted beside the real results cannot turn failures into passes")
    void plantedReport() {
        assertThat(ex01("fake-report").outcome()).isEqualTo(Outcome.GRADED);
        assertThat(ex01("fake-report").points()).isZero();
        assertThat(ex01("fake-report").flags()).anyMatch(f -> f.contains("writes files"));
    }

    @Test
    @DisplayName("a spin that ignores interrupts and a deadlock: stopped by the timeouts, 0 points, reason given")
    void neverEnding() {
        for (String learner : List.of("spin", "deadlock")) {
            Report.Exercise e = ex01(learner);
            assertThat(e.points()).as(learner).isZero();
            if (e.outcome() == Outcome.TIMED_OUT) {
                // A spin on a machine so busy that it waited for a CPU most of three times the limit is not judged.
                assertThat(e.reason()).containsAnyOf("timed out", "not judged: the machine was too busy");
            } else {
                assertThat(e.outcome()).as(learner).isEqualTo(Outcome.GRADED);
                assertThat(e.tests()).allSatisfy(t -> assertThat(t.message()).as(learner).contains("timed out"));
            }
        }
    }

    @Test
    @DisplayName("correct code that leaves a non-daemon thread, or a child process holding the output, keeps every"
            + " point, on time")
    void correctButMessy() {
        assertThat(ex01("non-daemon-thread").outcome()).isEqualTo(Outcome.GRADED);
        assertThat(ex01("non-daemon-thread").points()).isEqualTo(full());
        Report.Exercise pipe = ex01("pipe-holder");
        assertThat(pipe.outcome()).as(pipe.reason()).isEqualTo(Outcome.GRADED);
        assertThat(pipe.points()).isEqualTo(full());
        assertThat(pipe.flags()).anyMatch(f -> f.contains("starts other processes"));
        assertThat(pipe.notes()).anyMatch(n -> n.contains("running after the tests ended"));
        // On time: the child sleeps 600 s holding the output, and a sleeper never waits for a CPU, so a grader that
        // waited for it would have been stopped at the fork timeout (TIMED_OUT above), however busy the machine.
        assertThat(summary.learners().stream().filter(r -> r.learner().equals("pipe-holder")).findFirst()
                .orElseThrow().seconds()).isLessThan(FORK_TIMEOUT * TestRun.TimeLimit.STRETCH);
    }

    @Test
    @DisplayName("100 MB of output: graded, and the log stays small")
    void noisy() throws IOException {
        assertThat(ex01("noisy").outcome()).isEqualTo(Outcome.GRADED);
        assertThat(Files.size(out.resolve("learners/noisy/test-output/01-waiting-problem.log")))
                .isLessThan(TestRun.MAX_LOG_BYTES + 4096);
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
        assertThat(String.join(" ", row.flags())).contains("missing");
    }

    @Test
    @DisplayName("a JUnit extension planted in the test class path: no effect (read-only), flagged, 0 points")
    void plantedExtension() {
        assertThat(ex01("planted-extension").points()).isZero();
        assertThat(ex01("planted-extension").flags()).anyMatch(f -> f.contains("writes files"));
    }

    @Test
    @DisplayName("a backdoor in the kit's .mvn/maven.config: the kit is untouched, flagged, 0 points")
    void kitBackdoor() throws IOException {
        assertThat(ex01("kit-backdoor").points()).isZero();
        assertThat(ex01("kit-backdoor").flags()).anyMatch(f -> f.contains("writes files"));
        assertThat(Files.readString(kit.resolve(".mvn/maven.config"))).isEqualTo(mavenConfig);
        assertThat(KitSnapshot.git(kit, "status", "--porcelain")).isEmpty();
    }

    @Test
    @DisplayName("a learner that reads the kit it is graded against (bubblewrap): neither the graded quizzes' answers"
            + " nor the reference solutions are there to copy into its report")
    void kitReader() {
        Report.Exercise e = ex01("kit-reader");
        assertThat(e.points()).isZero();
        org.junit.jupiter.api.Assumptions.assumeTrue(
                reports.get("kit-reader").sandbox().startsWith("sandboxed (bubblewrap)"),
                "without bubblewrap learner code can read every file the grader can (grader/README.md says so)");
        assertThat(e.tests()).isNotEmpty().allSatisfy(t -> assertThat(String.valueOf(t.message())).as(t.name())
                .doesNotContain("graded:", "package asynckit.ex01", "Reference solution"));
        assertThat(e.tests()).anySatisfy(t -> assertThat(String.valueOf(t.message())).contains("kit-reader found nothing"));
    }

    @Test
    @DisplayName("a detached process that rewrites the reports: killed before any report was written; 0 points stay 0")
    void reportRewrite() throws Exception {
        assertThat(ex01("report-rewrite").points()).isZero();
        assertThat(ex01("report-rewrite").flags()).anyMatch(f -> f.contains("starts other processes"));
        Thread.sleep(1_500);
        for (String learner : reports.keySet()) {
            assertThat(read(learner).totals().points()).as(learner).isEqualTo(reports.get(learner).totals().points());
        }
    }

    @Test
    @DisplayName("no process of any learner is left behind")
    void noProcessLeft() throws IOException {
        List<String> alive = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmdline.contains(MARKER) || cmdline.contains(temp.resolve("asynckit-hostile-work").toString())) {
                        alive.add(p.getFileName() + ": " + cmdline.replace('\0', ' '));
                    }
                } catch (IOException e) {
                    // gone
                }
            }
        }
        assertThat(alive).isEmpty();
    }

    @Test
    @DisplayName("a link at src/main into a classmate's repository: refused with a note, the stub is graded")
    void nestedSymlink() {
        assertThat(ex01("nested-symlink").points()).isZero();
        assertThat(ex01("nested-symlink").flags())
                .anyMatch(f -> f.contains("refused a link at exercises/01-waiting-problem/src/main"));
    }

    @Test
    @DisplayName("a copy of the testkit's oracle in the learner's sources: left out and flagged, 0 points")
    void shadowTestkit() {
        assertThat(ex01("shadow-testkit").points()).isZero();
        assertThat(ex01("shadow-testkit").flags()).anyMatch(f -> f.contains("asynckit/testkit/Overlap.java"));
    }

    @Test
    @DisplayName("reflection into the tests' service and canned answers by stack inspection: refused, 0 points")
    void refused() {
        assertThat(ex01("reflection-oracle").outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(ex01("reflection-oracle").points()).isZero();
        assertThat(ex01("reflection-oracle").reason()).contains("reflection");
        assertThat(ex01("canned-answers").outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(ex01("canned-answers").points()).isZero();
        assertThat(ex01("canned-answers").reason()).contains("stack inspection");
    }

    @Test
    @DisplayName("out of memory and a thread bomb: 0 points, and the report says which")
    void resourceExhaustion() {
        assertThat(ex01("out-of-memory").points()).isZero();
        assertThat(ex01("out-of-memory").notes()).anyMatch(n -> n.contains("ran out of memory")
                || n.contains("memory limit"));
        assertThat(ex01("thread-bomb").points()).isZero();
        assertThat(ex01("thread-bomb").notes()).anyMatch(n -> n.contains("thread limit"));
    }
}
