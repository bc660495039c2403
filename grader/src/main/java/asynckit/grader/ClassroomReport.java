package asynckit.grader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Results for {@code classroom-resources/autograding-grading-reporter} (version 1), one runner per
 * scored unit so its two totals agree with the kit's own total. The reporter prints, per runner,
 * passed tests / all tests x {@code max_score}, and its {@code Points X/Y} sums {@code tests[].score}:
 * they agree only when every test of a runner carries the same score. Kit tests carry different
 * points, so each kit test is its own runner ({@code ex01t1}: one test, {@code max_score} = its points)
 * and each quiz is a runner of one-point entries ({@code quiz1}: 7 of 10 entries pass for 7 points).
 */
public final class ClassroomReport {
    private ClassroomReport() {}

    /** One runner: its id (letters and digits only) and its result JSON. */
    public record Runner(String id, String json) {
        public String base64() {
            return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }

        public String envLine() {
            return id.toUpperCase() + "_RESULTS=" + base64();
        }
    }

    public static List<Runner> runners(Report r) {
        List<Runner> runners = new ArrayList<>();
        int exerciseIndex = 0;
        for (Report.Exercise e : r.exercises()) {
            exerciseIndex++;
            int n = e.number() > 0 ? e.number() : exerciseIndex;
            int testIndex = 0;
            for (Report.Test t : e.tests()) {
                testIndex++;
                boolean passed = t.status() == Report.Status.PASSED;
                boolean error = !passed && e.outcome() != Report.Outcome.GRADED
                        && e.outcome() != Report.Outcome.TESTS_CHANGED;
                String status = passed ? "pass" : error ? "error" : "fail";
                String message = passed ? "" : TerminalReport.cut(TerminalReport.oneLine(
                        t.message() != null ? t.reason() + ": " + t.message() : t.reason()), 300);
                Map<String, Object> test = test(String.format("%02d %s", n, t.name()), status,
                        passed ? t.points() : 0, message, (long) Math.round(t.seconds() * 1000));
                runners.add(new Runner(String.format("ex%02dt%d", n, testIndex),
                        JsonSupport.compact(result(status, t.maxPoints(), List.of(test)))));
            }
        }
        int quizIndex = 0;
        for (Report.Quiz q : r.quizzes()) {
            quizIndex++;
            List<Map<String, Object>> tests = new ArrayList<>();
            String message = !q.bankIntact() ? "the quiz bank differs from the kit's: scores 0"
                    : q.attempted() ? String.join("; ", q.flags()) : "not attempted: ./kit quiz " + q.quiz();
            for (int k = 1; k <= q.maxPoints(); k++) {
                boolean pass = k <= q.points();
                tests.add(test("quiz " + q.quiz() + ": point " + k + " of " + q.maxPoints(), pass ? "pass" : "fail",
                        pass ? 1 : 0, pass ? "" : message, 0));
            }
            String status = q.points() == q.maxPoints() ? "pass" : "fail";
            runners.add(new Runner("quiz" + quizIndex, JsonSupport.compact(result(status, q.maxPoints(), tests))));
        }
        return runners;
    }

    private static Map<String, Object> result(String status, int maxScore, List<Map<String, Object>> tests) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("version", 1);
        result.put("status", status);
        result.put("max_score", maxScore);
        result.put("tests", tests);
        return result;
    }

    private static Map<String, Object> test(String name, String status, int score, String message, long millis) {
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("name", name);
        test.put("status", status);
        test.put("score", score);
        test.put("message", message);
        test.put("test_code", "");
        test.put("filename", "");
        test.put("line_no", 0);
        test.put("duration", millis);
        return test;
    }

    /**
     * The subtotals the reporter cannot show (its totals are per runner): one line for the job's console
     * and summary, e.g. "Exercises: 100/100 (100 %) · Quizzes: 7/21 (33 %) · Total: 107/121 (88 %)".
     */
    public static String summary(Report r) {
        Report.Totals t = r.totals();
        String line = "Exercises: " + t.exercisePoints() + "/" + t.exerciseMaxPoints() + " (" + t.exercisePercent()
                + " %)";
        if (!r.quizzes().isEmpty()) {
            line += " · Quizzes: " + t.quizPoints() + "/" + t.quizMaxPoints() + " (" + t.quizPercent() + " %) · Total: "
                    + t.points() + "/" + t.maxPoints() + " (" + t.percent() + " %)";
        }
        return line;
    }

    /** The runner ids, comma-separated, as the reporter's {@code runners} input wants them. */
    public static String runnerList(List<Runner> runners) {
        return String.join(",", runners.stream().map(Runner::id).toList());
    }
}
