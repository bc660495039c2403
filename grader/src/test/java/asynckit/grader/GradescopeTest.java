package asynckit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gradescope's paths, in a folder of the test's (AUTOGRADER_ROOT / --autograder stand in for /autograder):
 * where the learner's repository is in what they uploaded, and a results.json the student can read in every
 * case. The full run (setup.sh, run_autograder, memory and time) is scripts/gradescope-run.sh.
 */
@DisplayName("Gradescope: the submission is found, or refused with a message the student sees")
class GradescopeTest {
    @TempDir
    Path temp;

    private Path repo(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("exercises/01-waiting-problem/src/main/java"));
        return dir;
    }

    @Test
    @DisplayName("the layout: /autograder by default, AUTOGRADER_ROOT or --autograder elsewhere")
    void layout() {
        assertThat(Gradescope.Layout.of(null, Map.of()).submission()).isEqualTo(Path.of("/autograder/submission"));
        Gradescope.Layout moved = Gradescope.Layout.of(null, Map.of("AUTOGRADER_ROOT", temp.toString()));
        assertThat(moved.source()).isEqualTo(temp.resolve("source"));
        assertThat(moved.resultsFile()).isEqualTo(temp.resolve("results/results.json"));
        assertThat(Gradescope.Layout.of(temp.resolve("x"), Map.of("AUTOGRADER_ROOT", "/elsewhere")).root())
                .isEqualTo(temp.resolve("x"));
    }

    @Test
    @DisplayName("the repository's contents uploaded: graded where they are, without a note")
    void atTheTop() throws Exception {
        Path submission = repo(temp.resolve("submission"));
        Gradescope.Located found = Gradescope.locate(submission);
        assertThat(found.repo()).isEqualTo(submission);
        assertThat(found.note()).isNull();
        assertThat(found.refusal()).isNull();
        // only quiz attempts (no exercise written yet) is a repository too
        Path quizOnly = temp.resolve("quiz-only");
        Files.createDirectories(quizOnly.resolve("quizzes/attempts"));
        assertThat(Gradescope.locate(quizOnly).repo()).isEqualTo(quizOnly);
    }

    @Test
    @DisplayName("one folder deep (GitHub's Download ZIP, a zipped folder): found, and the student is told")
    void oneFolderDeep() throws Exception {
        Path submission = temp.resolve("submission");
        Path inner = repo(submission.resolve("async-kit-main"));
        Files.createDirectories(submission.resolve("__MACOSX/async-kit-main/exercises"));
        Files.createDirectories(submission.resolve(".hidden/exercises"));
        Files.writeString(submission.resolve("notes.txt"), "hi");
        Gradescope.Located found = Gradescope.locate(submission);
        assertThat(found.repo()).isEqualTo(inner);
        assertThat(found.note()).isEqualTo("Your repository was found one folder down, in async-kit-main/, and graded"
                + " from there.");
    }

    @Test
    @DisplayName("two repositories, or none: refused, saying what was uploaded and what to upload instead")
    void refused() throws Exception {
        Path two = temp.resolve("two");
        repo(two.resolve("a"));
        repo(two.resolve("b"));
        assertThat(Gradescope.locate(two).refusal()).contains("holds 2 repositories (a/, b/)", "Upload only one");

        Path stray = temp.resolve("stray");
        Files.createDirectories(stray.resolve("src"));
        Files.writeString(stray.resolve("PageFetcher.java"), "class PageFetcher {}");
        Gradescope.Located none = Gradescope.locate(stray);
        assertThat(none.repo()).isNull();
        assertThat(none.refusal()).contains("no exercises/ folder", "(it holds: PageFetcher.java, src/)",
                "Upload your whole repository");

        Path deep = temp.resolve("deep");
        repo(deep.resolve("one/two"));
        assertThat(Gradescope.locate(deep).refusal()).contains("no exercises/ folder", "one/");

        assertThat(Gradescope.locate(temp.resolve("missing")).refusal()).contains("no submission folder");
    }

    @Test
    @DisplayName("a link is never followed, at the top or one folder down")
    void links() throws Exception {
        Path real = repo(temp.resolve("real"));
        Path submission = Files.createDirectories(temp.resolve("submission"));
        Files.createSymbolicLink(submission.resolve("linked"), real);
        assertThat(Gradescope.locate(submission).refusal()).contains("no exercises/ folder");
        Files.createSymbolicLink(temp.resolve("top"), real);
        assertThat(Gradescope.locate(temp.resolve("top")).refusal()).contains("no submission folder");
    }

    @Test
    @DisplayName("a refusal or a failure still writes results.json: score 0, the reason, and the output visible")
    void fallbackIsVisible() throws Exception {
        JsonNode json = JsonSupport.MAPPER.readTree(Gradescope.fallback("Grading could not run: x"));
        assertThat(json.get("score").asInt()).isZero();
        assertThat(json.get("output").asText()).isEqualTo("Grading could not run: x");
        assertThat(json.get("stdout_visibility").asText()).isEqualTo("visible");
        assertThat(json.get("visibility").asText()).isEqualTo("visible");
        assertThat(json.get("tests")).isEmpty();
    }

    @Test
    @DisplayName("grader gradescope on a stray upload: exit 0 and results.json with the refusal (no grading run)")
    void commandRefuses() throws Exception {
        Path ag = temp.resolve("ag");
        Files.createDirectories(ag.resolve("submission"));
        Files.writeString(ag.resolve("submission/Main.java"), "class Main {}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "gradescope",
                "--autograder", ag.toString(), "--root", Learners.ROOT.toString());
        assertThat(code).isZero();
        JsonNode json = JsonSupport.MAPPER.readTree(ag.resolve("results/results.json").toFile());
        assertThat(json.get("score").asInt()).isZero();
        assertThat(json.get("output").asText()).contains("no exercises/ folder", "Main.java");
        assertThat(json.get("stdout_visibility").asText()).isEqualTo("visible");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("no exercises/ folder");
    }

    @Test
    @DisplayName("the note about a nested upload goes at the top of the report's output")
    void noteOnTop() throws Exception {
        String json = Gradescope.withNote(GradescopeReport.render(Samples.report()), "Found one folder down.");
        assertThat(JsonSupport.MAPPER.readTree(json).get("output").asText()).startsWith("Found one folder down.\n\n**");
        assertThat(Gradescope.withNote("{}", null)).isEqualTo("{}");
    }

    @Test
    @DisplayName("a deadline gives each exercise an even share of the time left, never more than the fork timeout")
    void deadlineShares() {
        java.time.Instant now = java.time.Instant.parse("2026-11-22T10:00:00Z");
        assertThat(Grader.wallSeconds(now, null, 120, 8)).isEqualTo(120);
        // 480 s for 8 exercises: 475 s after the reserve, 59 s each
        assertThat(Grader.wallSeconds(now, now.plusSeconds(480), 120, 8)).isEqualTo(59);
        // the last exercise gets what the earlier ones left, up to the fork timeout
        assertThat(Grader.wallSeconds(now, now.plusSeconds(400), 120, 1)).isEqualTo(120);
        assertThat(Grader.wallSeconds(now, now.plusSeconds(40), 120, 1)).isEqualTo(35);
        // past the deadline: nothing (the exercise is reported as not run)
        assertThat(Grader.wallSeconds(now, now.minusSeconds(5), 120, 3)).isZero();
        assertThat(Grader.wallSeconds(now, now.plusSeconds(20), 120, 2)).isLessThan(Grader.MIN_WALL_SECONDS);
    }

    @Test
    @DisplayName("a test JVM killed at its time limit keeps the results reported before; the rest fail as timed out")
    void timedOutKeepsFinishedTests() {
        List<TestRun.Result> results = List.of(Samples.result("asynckit.ex01.PageFetcherTest",
                "startsEveryFetchBeforeWaitingForAny", Report.Status.PASSED, null, "", 0.2));
        Report.Exercise e = Grader.timedOut(Samples.ex01(), results, "timed out: the test JVM was killed after 40 s");
        assertThat(e.outcome()).isEqualTo(Report.Outcome.TIMED_OUT);
        assertThat(e.points()).isEqualTo(6);
        assertThat(e.passed()).isEqualTo(1);
        assertThat(e.failed()).isEqualTo(5);
        assertThat(e.tests().get(0).status()).isEqualTo(Report.Status.PASSED);
        assertThat(e.tests().subList(1, 6)).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(Report.Status.NOT_RUN);
            assertThat(t.reason()).isEqualTo("timed out: the test JVM was killed after 40 s");
        });
    }
}
