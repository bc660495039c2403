package asynckit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the teacher chooses (KIT_ASSIGNED, KIT_QUIZZES) decides the job's status the way the reporter decides
 * it: red when any runner's status is "fail" or "error" (its main.js), whatever the tests' own statuses.
 */
@DisplayName("GitHub autograding: the job's status is what the teacher assigned")
class ClassroomPolicyTest {
    static final List<String> IDS = List.of("01-waiting-problem", "02-sleeping-without-blocking", "03-gather");

    /** The reporter's rule for the job: any runner with status fail or error fails it. */
    static boolean jobGreen(List<ClassroomReport.Runner> runners) throws Exception {
        for (ClassroomReport.Runner r : runners) {
            String status = ClassroomTotalsTest.decode(r).get("status").asText();
            if (status.equals("fail") || status.equals("error")) {
                return false;
            }
        }
        return true;
    }

    static List<String> red(List<ClassroomReport.Runner> runners) throws Exception {
        List<String> red = new ArrayList<>();
        for (ClassroomReport.Runner r : runners) {
            if (!ClassroomTotalsTest.decode(r).get("status").asText().equals("pass")) {
                red.add(r.id());
            }
        }
        return red;
    }

    /** The sample with exercise 01's failures fixed (01 all passed, 02 did not compile, 03 tests changed). */
    static Report solvedFirst() {
        Report r = Samples.report();
        List<Report.Exercise> exercises = new ArrayList<>(r.exercises());
        Report.Exercise e = exercises.get(0);
        List<Report.Test> tests = e.tests().stream().map(t -> new Report.Test(t.className(), t.method(), t.name(),
                t.maxPoints(), t.maxPoints(), Report.Status.PASSED, null, null, t.seconds())).toList();
        exercises.set(0, new Report.Exercise(e.id(), e.title(), e.module(), e.maxPoints(), e.maxPoints(),
                tests.size(), 0, 0, tests.size(), Report.Outcome.GRADED, null, true, List.of(), List.of(), List.of(),
                tests));
        return new Report(r.schema(), r.version(), r.generatedAt(), r.mode(), r.source(), r.seconds(), r.kit(),
                r.sandbox(), r.notes(), exercises, r.quizzes(), Report.Totals.of(exercises, r.quizzes()), r.nextSteps());
    }

    @Test
    @DisplayName("assigned 01 and solved, 02 and 03 failing, quizzes unfinished: green (quizzes count points only)")
    void greenWhenTheAssignedExercisesPass() throws Exception {
        ClassroomReport.Policy policy = ClassroomReport.Policy.parse("01", null, IDS);
        assertThat(jobGreen(ClassroomReport.runners(solvedFirst(), policy))).isTrue();
        assertThat(jobGreen(ClassroomReport.runners(solvedFirst(), ClassroomReport.Policy.everything()))).isFalse();
    }

    @Test
    @DisplayName("a failed test of an assigned exercise is red; the reporter's points count only what is assigned")
    void redWhenAnAssignedTestFails() throws Exception {
        ClassroomReport.Policy policy = ClassroomReport.Policy.parse("01,02", "off", IDS);
        List<ClassroomReport.Runner> runners = ClassroomReport.runners(Samples.report(), policy);
        assertThat(red(runners)).contains("ex01t2", "ex02t1").noneMatch(id -> id.startsWith("ex03")
                || id.startsWith("quiz"));
        for (ClassroomReport.Runner r : runners) {
            JsonNode json = ClassroomTotalsTest.decode(r);
            if (r.id().startsWith("ex03") || r.id().startsWith("quiz")) {
                assertThat(json.get("max_score").asInt()).as(r.id()).isZero();
                assertThat(json.get("tests").get(0).get("name").asText()).contains("not");
            }
        }
    }

    @Test
    @DisplayName("quizzes: 'attempted' is red until each quiz has an attempt, 'perfect' until each has all its points")
    void quizRules() throws Exception {
        Report report = solvedFirst();
        assertThat(red(ClassroomReport.runners(report, ClassroomReport.Policy.parse("01", "attempted", IDS))))
                .containsExactly("quiz2", "quiz3");
        assertThat(red(ClassroomReport.runners(report, ClassroomReport.Policy.parse("01", "perfect", IDS))))
                .containsExactly("quiz1", "quiz2", "quiz3");
        assertThat(red(ClassroomReport.runners(report, ClassroomReport.Policy.parse("01", "points", IDS)))).isEmpty();
    }

    @Test
    @DisplayName("every failed test's reason is on the lines of its name (the reporter prints names, not messages)")
    void reasonsInTheLog() throws Exception {
        List<ClassroomReport.Runner> runners = ClassroomReport.runners(Samples.report());
        String name = ClassroomTotalsTest.decode(runners.get(1)).get("tests").get(0).get("name").asText();
        assertThat(name).startsWith("01 returns a future at once").contains("\n     failed: Mistake [blocked-the-caller]")
                .endsWith("-> Hint 3 in exercises/01-waiting-problem/README.md");
        assertThat(name.lines().count()).isLessThanOrEqualTo(ClassroomReport.REASON_LINES + 3);
        // 02 did not compile: the reason once, then "the same reason as above"
        String first = ClassroomTotalsTest.decode(runners.get(6)).get("tests").get(0).get("name").asText();
        String second = ClassroomTotalsTest.decode(runners.get(7)).get("tests").get(0).get("name").asText();
        assertThat(first).contains("did not compile: Alarms.java:12: cannot find symbol");
        assertThat(second).endsWith("(the same reason as above)");
    }

    @Test
    @DisplayName("settings: numbers, ranges, ids and 'all'; a typo is an error the reporter shows, and the job is red")
    void parsing() throws Exception {
        assertThat(ClassroomReport.Policy.parse("1, 3", "", IDS).assigned())
                .containsExactlyInAnyOrder("01-waiting-problem", "03-gather");
        assertThat(ClassroomReport.Policy.parse("01-02", "OFF", IDS).assigned())
                .containsExactlyInAnyOrder("01-waiting-problem", "02-sleeping-without-blocking");
        assertThat(ClassroomReport.Policy.parse("01-02", "OFF", IDS).quizzes()).isEqualTo(ClassroomReport.QuizRule.OFF);
        assertThat(ClassroomReport.Policy.parse(" all ", null, IDS).assigned()).isEmpty();
        assertThat(ClassroomReport.Policy.fromEnvironment(Map.of(), IDS)).isEqualTo(ClassroomReport.Policy.everything());
        ClassroomReport.Policy typo = ClassroomReport.Policy.parse("01,09", "sometimes", IDS);
        assertThat(typo.problems()).hasSize(2);
        assertThat(typo.problems().get(0)).contains("\"09\"", "01-waiting-problem ... 03-gather");
        assertThat(typo.problems().get(1)).contains("KIT_QUIZZES=sometimes", "points, attempted, perfect, off");
        List<ClassroomReport.Runner> runners = ClassroomReport.runners(solvedFirst(), typo);
        assertThat(runners.get(0).id()).isEqualTo("settings1");
        assertThat(jobGreen(runners)).isFalse();
        assertThat(ClassroomReport.summary(solvedFirst(), typo)).contains("Problem: KIT_ASSIGNED names \"09\"");
    }

    @Test
    @DisplayName("the summary says what decides the status")
    void describesTheRule() {
        assertThat(ClassroomReport.summary(Samples.report(), ClassroomReport.Policy.parse("1-2", "attempted", IDS)))
                .contains("The job is green when every test of exercises 01, 02 passes (KIT_ASSIGNED=01,02);"
                        + " quiz points count; the job stays red until every quiz is attempted (KIT_QUIZZES=attempted).");
    }
}
