package asynckit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import asynckit.grader.Report.Status;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Matching expected tests to report entries, and scoring")
class GraderMatchingTest {

    @Test
    @DisplayName("by class and method name, nested classes included; a failure message keeps its hint pointer")
    void matchesEveryForm() {
        Report.Exercise e = Samples.report().exercises().get(0);

        assertThat(e.tests()).extracting(Report.Test::status).containsExactly(Status.PASSED, Status.FAILED,
                Status.ERRORED, Status.PASSED, Status.SKIPPED, Status.NOT_RUN);
        assertThat(e.points()).isEqualTo(6 + 4);
        assertThat(e.passed()).isEqualTo(2);
        assertThat(e.failed()).isEqualTo(3);
        assertThat(e.skipped()).isEqualTo(1);
        assertThat(e.tests().get(5).reason()).isEqualTo("no result (the test is missing or was renamed)");
        assertThat(e.tests().get(2).reason()).isEqualTo("failed with NullPointerException");
        assertThat(e.tests().get(1).message()).endsWith("-> Hint 3 in exercises/01-waiting-problem/README.md");
    }

    @Test
    @DisplayName("a test reported twice counts its worst result")
    void worstResultWins() {
        Inventory.ExerciseSpec spec = Samples.ex02();
        List<TestRun.Result> results = List.of(
                Samples.result("asynckit.ex02.AlarmsTest", "ringsAfterTheDelay", Status.PASSED, null, "", 0),
                Samples.result("asynckit.ex02.AlarmsTest", "ringsAfterTheDelay", Status.FAILED, "late", "", 0),
                Samples.result("asynckit.ex02.AlarmsTest", "noAlarms", Status.PASSED, null, "", 0));

        Report.Exercise e = ReportMatcher.matched(spec, results, null);

        assertThat(e.tests().get(0).status()).isEqualTo(Status.FAILED);
        assertThat(e.points()).isEqualTo(5);
    }

    @Test
    @DisplayName("a class that failed before its tests ran gives each of them that reason, never 0 of 0")
    void classLevelFailure() {
        Inventory.ExerciseSpec spec = Samples.ex01();
        List<TestRun.Result> results = List.of(Samples.result("asynckit.ex01.PageFetcherTest", "", Status.ERRORED,
                "static initializer failed: no network", "java.lang.ExceptionInInitializerError", 0));

        Report.Exercise e = ReportMatcher.matched(spec, results, null);

        assertThat(e.total()).isEqualTo(6);
        assertThat(e.failed()).isEqualTo(6);
        assertThat(e.tests()).allSatisfy(t -> assertThat(t.reason())
                .isEqualTo("the test class failed before this test ran: static initializer failed: no network"));
    }

    @Test
    @DisplayName("an exercise without a report lists every expected test as not run, with the reason")
    void unscored() {
        Report.Exercise e = ReportMatcher.unscored(Samples.ex01(), Report.Outcome.JVM_ENDED_EARLY, "the test JVM ended early",
                true, List.of());
        assertThat(e.total()).isEqualTo(6);
        assertThat(e.failed()).isEqualTo(6);
        assertThat(e.points()).isZero();
        assertThat(e.maxPoints()).isEqualTo(25);
        assertThat(e.tests()).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(Status.NOT_RUN);
            assertThat(t.reason()).isEqualTo("the test JVM ended early");
        });
    }

    @Test
    @DisplayName("totals and the plain line count a test without a result as failed")
    void totals() {
        Report r = Samples.report();
        assertThat(r.totals().points()).isEqualTo(10 + 7);
        assertThat(r.totals().maxPoints()).isEqualTo(75 + 21);
        assertThat(r.totals().flagged()).as("01 and 03 flagged, a changed bank, a quiz taken from an answers file")
                .isEqualTo(4);
        assertThat(r.totals().exercisePercent()).isEqualTo(13);
        assertThat(r.totals().line(true)).isEqualTo("exercises 10/75 (13 %), quizzes 7/21 (33 %), total 17/96 (17 %)");
        assertThat(r.summaryLine()).isEqualTo("2 passed, 6 failed, 1 skipped");
    }
}
