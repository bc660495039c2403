package asynckit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import asynckit.grader.Report.Status;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Matching expected tests to report entries, and scoring")
class GraderMatchingTest {

    @Test
    @DisplayName("by display name, method name or method(), with full or simple class names and nested classes")
    void matchesEveryForm() {
        Report.Exercise e = Samples.report().exercises().get(0);

        assertThat(e.tests()).extracting(Report.Test::status).containsExactly(Status.PASSED, Status.FAILED,
                Status.ERRORED, Status.PASSED, Status.SKIPPED, Status.NOT_RUN);
        assertThat(e.points()).isEqualTo(6 + 4);
        assertThat(e.passed()).isEqualTo(2);
        assertThat(e.failed()).isEqualTo(3);
        assertThat(e.skipped()).isEqualTo(1);
        assertThat(e.tests().get(5).reason()).isEqualTo("no result in the report (the test is missing or was renamed)");
        assertThat(e.tests().get(2).reason()).isEqualTo("failed with NullPointerException");
    }

    @Test
    @DisplayName("a test reported twice (a planted report file) counts its worst result")
    void worstResultWins() {
        Inventory.ExerciseSpec spec = Samples.ex02();
        List<SurefireReports.Case> cases = List.of(
                new SurefireReports.Case("asynckit.ex02.AlarmsTest", "rings after the delay", Status.PASSED, null, null,
                        0, "TEST-fake.xml"),
                new SurefireReports.Case("asynckit.ex02.AlarmsTest", "rings after the delay", Status.FAILED, "late",
                        null, 0, "TEST-asynckit.ex02.AlarmsTest.xml"),
                new SurefireReports.Case("asynckit.ex02.AlarmsTest", "no alarms", Status.PASSED, null, null, 0, "x"));

        Report.Exercise e = Grader.matched(spec, new SurefireReports.Result(cases, List.of(), 2));

        assertThat(e.tests().get(0).status()).isEqualTo(Status.FAILED);
        assertThat(e.points()).isEqualTo(5);
    }

    @Test
    @DisplayName("a class that failed before its tests ran gives each of them that reason, never 0 of 0")
    void classLevelFailure() throws Exception {
        Inventory.ExerciseSpec spec = new Inventory.ExerciseSpec("01-x", "01 X", "exercises/01-x", "ex01-x", 6,
                Samples.ex01().tests().subList(0, 2), java.util.Map.of());
        List<SurefireReports.Case> cases = SurefireReports.read(SurefireReportsTest.fixture("class-level-error.xml"));

        Report.Exercise e = Grader.matched(spec, new SurefireReports.Result(cases, List.of(), 1));

        assertThat(e.total()).isEqualTo(2);
        assertThat(e.failed()).isEqualTo(2);
        assertThat(e.tests()).allSatisfy(t -> assertThat(t.reason())
                .isEqualTo("the test class failed before this test ran: static initializer failed: no network"));
    }

    @Test
    @DisplayName("an exercise without a report lists every expected test as not run, with the reason")
    void unscored() {
        Report.Exercise e = Grader.unscored(Samples.ex01(), Report.Outcome.JVM_ENDED_EARLY, "the test JVM ended early",
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
        assertThat(r.totals().flagged()).isEqualTo(2);
        assertThat(r.summaryLine()).isEqualTo("2 passed, 6 failed, 1 skipped");
    }
}
