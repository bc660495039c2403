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
        root.put("output", "**" + r.totals().points() + "/" + r.totals().maxPoints() + " points** ("
                + r.summaryLine() + ")" + (r.totals().flagged() > 0 ? "; " + r.totals().flagged()
                + " flagged for changed tests" : ""));
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
                String output = t.status() == Report.Status.PASSED ? ""
                        : (t.reason() == null ? "" : t.reason()) + (t.message() == null ? "" : "\n" + t.message());
                test.put("output", output.strip());
                test.put("output_format", "text");
                test.put("tags", List.of(e.id()));
                test.put("visibility", "visible");
                tests.add(test);
            }
        }
        int quizIndex = 0;
        for (Report.Quiz q : r.quizzes()) {
            quizIndex++;
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("score", q.points());
            test.put("max_score", q.maxPoints());
            test.put("status", q.points() == q.maxPoints() && q.maxPoints() > 0 ? "passed" : "failed");
            test.put("name", "Quiz: " + (q.title() == null ? q.quiz() : q.title()));
            test.put("number", "Q." + quizIndex);
            test.put("output", !q.bankIntact() ? "the quiz bank differs from the kit's: scores 0"
                    : q.attempted() ? String.join("\n", q.problems()) : "not attempted: ./kit quiz " + q.quiz());
            test.put("output_format", "text");
            test.put("tags", List.of("quiz"));
            test.put("visibility", "visible");
            tests.add(test);
        }
        root.put("tests", tests);
        return JsonSupport.pretty(root);
    }
}
