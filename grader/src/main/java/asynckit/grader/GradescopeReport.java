package asynckit.grader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gradescope's {@code results.json}: one Gradescope test per kit test and per quiz. */
public final class GradescopeReport {
    private GradescopeReport() {}

    public static String render(Report r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("score", r.totals().points());
        root.put("execution_time", (int) Math.ceil(r.seconds()));
        Report.Totals sums = r.totals();
        StringBuilder output = new StringBuilder("**Exercises: " + sums.exercisePoints() + "/" + sums.exerciseMaxPoints()
                + " (" + sums.exercisePercent() + " %)**");
        if (!r.quizzes().isEmpty()) {
            output.append(" · **Quizzes: ").append(sums.quizPoints()).append('/').append(sums.quizMaxPoints()).append(" (")
                    .append(sums.quizPercent()).append(" %)** · **Total: ").append(sums.points()).append('/')
                    .append(sums.maxPoints()).append(" (").append(sums.percent()).append(" %)**");
        }
        output.append("\n\n").append(r.summaryLine());
        if (sums.flagged() > 0) {
            output.append("; ").append(sums.flagged()).append(" flagged (see the tests' output)");
        }
        if (r.sandbox() != null) {
            output.append("\n\nLearner code ").append(r.sandbox()).append('.');
        }
        root.put("output", output.toString());
        root.put("output_format", "md");
        root.put("visibility", "visible");
        root.put("stdout_visibility", "visible");
        List<Map<String, Object>> tests = new ArrayList<>();
        int exerciseIndex = 0;
        for (Report.Exercise e : r.exercises()) {
            exerciseIndex++;
            int testIndex = 0;
            for (Report.Test t : e.tests()) {
                testIndex++;
                Map<String, Object> test = new LinkedHashMap<>();
                test.put("score", t.points());
                test.put("max_score", t.maxPoints());
                test.put("status", t.status() == Report.Status.PASSED ? "passed" : "failed");
                test.put("name", e.title() + ": " + t.name());
                test.put("number", exerciseIndex + "." + testIndex);
                StringBuilder text = new StringBuilder(t.status() == Report.Status.PASSED ? ""
                        : (t.reason() == null ? "" : t.reason()) + (t.message() == null ? "" : "\n" + t.message()));
                if (testIndex == 1) {
                    e.flags().forEach(f -> text.append("\nflagged: ").append(f));
                    e.notes().forEach(n -> text.append("\nnote: ").append(n));
                }
                test.put("output", text.toString().strip());
                test.put("output_format", "text");
                test.put("tags", List.of(e.id()));
                test.put("visibility", "visible");
                tests.add(test);
            }
        }
        int quizIndex = 0;
        for (Report.Quiz q : r.quizzes()) {
            if (q.sealed()) {
                continue; // only a learner's starter copy has sealed banks; Gradescope grades with the full ones
            }
            quizIndex++;
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("score", q.points());
            test.put("max_score", q.maxPoints());
            test.put("status", q.points() == q.maxPoints() && q.maxPoints() > 0 ? "passed" : "failed");
            test.put("name", "Quiz: " + (q.title() == null ? q.quiz() : q.title()));
            test.put("number", "Q." + quizIndex);
            test.put("output", !q.bankIntact() ? "the quiz bank differs from the kit's: scores 0"
                    : q.attempted() ? String.join("\n", q.notices()) : "not attempted: ./kit quiz " + q.quiz());
            test.put("output_format", "text");
            test.put("tags", List.of("quiz"));
            test.put("visibility", "visible");
            tests.add(test);
        }
        root.put("tests", tests);
        return JsonSupport.pretty(root);
    }
}
