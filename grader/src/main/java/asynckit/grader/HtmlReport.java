package asynckit.grader;

import java.util.List;
import java.util.Map;

/**
 * The report as one self-contained HTML page (no scripts, no external files): the exercises' and the
 * quizzes' subtotals kept apart, a bar per exercise and quiz, the mistakes the failures named, each
 * exercise's tests (a failure's message on its own full-width line under the test) and each quiz by
 * question and concept.
 */
public final class HtmlReport {
    private HtmlReport() {}

    /** The page's style, shared with the cohort page. */
    static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;"
            + "color:#1b1f24}\n"
            + "h1{font-size:1.6rem;margin-bottom:.3rem}h2{font-size:1.2rem;margin-top:2rem}.chart{margin:1rem 0 2rem}\n"
            + ".sub{font-size:1.05rem;margin:.2rem 0 1rem}\n"
            + ".row{display:grid;grid-template-columns:minmax(10rem,18rem) 1fr 9rem;gap:.75rem;align-items:center;"
            + "margin:.35rem 0}\n"
            + ".bar{background:#eaeef2;border-radius:4px;height:1.2rem;overflow:hidden}\n"
            + ".fill{background:#2da44e;height:100%}.fill.flag{background:#cf222e}\n"
            + ".none{color:#57606a;font-style:italic}\n"
            + "table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}\n"
            + "td,th{border-bottom:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}\n"
            + "td.num,th.num{text-align:right;white-space:nowrap;width:6rem}td.res{white-space:nowrap;width:5rem}\n"
            + "tr.msg td{border-bottom:1px solid #d0d7de;padding-top:0}tr.has-msg td{border-bottom:none}\n"
            + ".PASSED,.right{color:#1a7f37}.FAILED,.ERRORED,.NOT_RUN,.wrong{color:#cf222e}.SKIPPED,.unanswered{color:#9a6700}\n"
            + ".why{font-family:ui-monospace,monospace;font-size:.85rem;white-space:pre-wrap;overflow-wrap:anywhere;"
            + "margin:0;padding:.4rem .6rem;background:#f6f8fa;border-radius:4px}\n"
            + ".note{background:#fff8c5;padding:.5rem;border-radius:4px}.flag{background:#ffebe9}\n"
            + "code{font-family:ui-monospace,monospace}\n";

    public static String render(Report r) {
        Report.Totals t = r.totals();
        boolean quizzes = !r.quizzes().isEmpty();
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Scored report: exercises ").append(t.exercisePoints()).append('/')
                .append(t.exerciseMaxPoints()).append(quizzes ? ", quizzes " + t.quizPoints() + "/" + t.quizMaxPoints()
                        : "").append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        out.append("<h1>Exercises: ").append(t.exercisePoints()).append(" / ").append(t.exerciseMaxPoints())
                .append(" points (").append(t.exercisePercent()).append(" %)</h1>\n");
        if (quizzes) {
            out.append("<p class=\"sub\"><strong>Quizzes: ").append(t.quizPoints()).append(" / ")
                    .append(t.quizMaxPoints()).append(" (").append(t.quizPercent()).append(" %)</strong> &middot; Total: ")
                    .append(t.points()).append(" / ").append(t.maxPoints()).append(" (").append(t.percent())
                    .append(" %)</p>\n");
        }
        if (r.kit() != null) {
            out.append("<p>Tests from ").append(esc(r.kit())).append(". Learner code ").append(esc(r.sandbox()))
                    .append(".</p>\n");
        }
        for (String note : r.notes()) {
            out.append("<p class=\"note").append(note.startsWith("flagged: ") ? " flag" : "").append("\">")
                    .append(esc(note)).append("</p>\n");
        }
        out.append("<p>").append(esc(r.summaryLine())).append(" &middot; graded ").append(esc(r.generatedAt()))
                .append(r.mode().equals("self") ? "" : " &middot; " + esc(r.mode()) + ": " + esc(r.source()))
                .append("</p>\n");
        out.append("<div class=\"chart\" role=\"img\" aria-label=\"points per exercise and quiz\">\n");
        for (Report.Exercise e : r.exercises()) {
            bar(out, e.title(), e.points(), e.maxPoints(), e.flagged(), null);
        }
        for (Report.Quiz q : r.quizzes()) {
            bar(out, "Quiz: " + title(q) + (q.sealed() ? " (" + q.sealedState() + ")" : ""), q.points(), q.maxPoints(),
                    !q.bankIntact() || !q.flags().isEmpty(), q.attempted() || q.sealed() ? null : "not attempted");
        }
        out.append("</div>\n");
        mistakes(out, r.mistakes());
        for (Report.Exercise e : r.exercises()) {
            exercise(out, e);
        }
        for (Report.Quiz q : r.quizzes()) {
            quiz(out, q);
        }
        if (!r.nextSteps().isEmpty()) {
            out.append("<h2>Next steps</h2>\n<ol>\n");
            for (String step : r.nextSteps()) {
                out.append("<li>").append(esc(step)).append("</li>\n");
            }
            out.append("</ol>\n");
        }
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private static void mistakes(StringBuilder out, Map<String, Integer> mistakes) {
        if (mistakes.isEmpty()) {
            return;
        }
        out.append("<h2>Mistakes the failures named</h2>\n<table>\n<tr><th>Mistake</th><th class=\"num\">Failed tests"
                + "</th></tr>\n");
        mistakes.forEach((m, n) -> out.append("<tr><td><code>").append(esc(m)).append("</code></td><td class=\"num\">")
                .append(n).append("</td></tr>\n"));
        out.append("</table>\n");
    }

    private static void exercise(StringBuilder out, Report.Exercise e) {
        out.append("<h2>").append(esc(e.title())).append(": ").append(e.points()).append('/').append(e.maxPoints())
                .append("</h2>\n");
        if (e.reason() != null) {
            out.append("<p class=\"note\">").append(esc(e.reason())).append("</p>\n");
        }
        for (String flag : e.flags()) {
            out.append("<p class=\"note flag\">&#9873; flagged: ").append(esc(flag)).append("</p>\n");
        }
        for (String note : e.notes()) {
            out.append("<p class=\"note\">note: ").append(esc(note)).append("</p>\n");
        }
        if (!e.mistakes().isEmpty()) {
            out.append("<p>Mistakes named: ").append(esc(mistakeList(e.mistakes()))).append("</p>\n");
        }
        out.append("<table>\n<tr><th>Result</th><th>Test</th><th class=\"num\">Points</th></tr>\n");
        for (Report.Test test : e.tests()) {
            String why = test.status() == Report.Status.PASSED ? ""
                    : test.message() != null ? test.message() : test.reason();
            boolean msg = why != null && !why.isBlank();
            out.append("<tr").append(msg ? " class=\"has-msg\"" : "").append("><td class=\"res ")
                    .append(test.status()).append("\">").append(test.status().name().toLowerCase().replace('_', ' '))
                    .append("</td><td>").append(esc(test.name())).append("</td><td class=\"num\">")
                    .append(test.points()).append('/').append(test.maxPoints()).append("</td></tr>\n");
            if (msg) {
                out.append("<tr class=\"msg\"><td></td><td colspan=\"2\"><pre class=\"why\">").append(esc(why))
                        .append("</pre></td></tr>\n");
            }
        }
        out.append("</table>\n");
    }

    private static void quiz(StringBuilder out, Report.Quiz q) {
        out.append("<h2>Quiz: ").append(esc(title(q))).append(": ").append(q.points()).append('/')
                .append(q.maxPoints()).append("</h2>\n");
        out.append("<p").append(q.attempted() ? "" : " class=\"none\"").append(">").append(esc(q.attemptsLine()))
                .append(q.attempted() ? "" : " (./kit quiz " + esc(q.quiz()) + ")").append("</p>\n");
        if (!q.bankIntact()) {
            out.append("<p class=\"note flag\">&#9873; flagged: bank changed</p>\n");
        }
        for (String flag : q.flags()) {
            out.append("<p class=\"note flag\">&#9873; flagged: ").append(esc(flag)).append("</p>\n");
        }
        for (String problem : q.problems()) {
            out.append("<p class=\"note\">").append(esc(problem)).append("</p>\n");
        }
        if (q.questions().isEmpty()) {
            return;
        }
        out.append("<table>\n<tr><th>Concept</th><th class=\"num\">Right</th><th class=\"num\">Points</th></tr>\n");
        for (Report.QuizConcept c : q.concepts()) {
            out.append("<tr><td>").append(esc(c.concept())).append("</td><td class=\"num\">").append(c.right())
                    .append('/').append(c.questions()).append("</td><td class=\"num\">").append(c.points()).append('/')
                    .append(c.maxPoints()).append("</td></tr>\n");
        }
        out.append("</table>\n<table>\n<tr><th>Question</th><th>Concept</th><th>Result</th><th class=\"num\">Points"
                + "</th></tr>\n");
        for (Report.QuizQuestion question : q.questions()) {
            out.append("<tr><td><code>").append(esc(question.id())).append("</code></td><td>")
                    .append(esc(question.concept())).append("</td><td class=\"").append(esc(question.result()))
                    .append("\">").append(esc(question.result())).append("</td><td class=\"num\">")
                    .append(question.points()).append('/').append(question.maxPoints()).append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    static String title(Report.Quiz q) {
        return q.title() == null ? q.quiz() : q.title();
    }

    /** "[one-at-a-time] x2, [blocked-the-caller]". */
    static String mistakeList(Map<String, Integer> mistakes) {
        List<String> parts = mistakes.entrySet().stream()
                .map(m -> (m.getKey().startsWith("[") || m.getKey().contains(" [") ? m.getKey() : "[" + m.getKey() + "]")
                        + (m.getValue() > 1 ? " x" + m.getValue() : "")).toList();
        return String.join(", ", parts);
    }

    /** A labelled bar; {@code instead} replaces the points when there is nothing to score yet. */
    static void bar(StringBuilder out, String label, int points, int max, boolean flagged, String instead) {
        int pct = max == 0 ? 0 : Math.round(100f * points / max);
        out.append("<div class=\"row\"><span>").append(esc(label)).append("</span><div class=\"bar\"><div class=\"fill")
                .append(flagged ? " flag" : "").append("\" style=\"width:").append(pct).append("%\"></div></div><span")
                .append(instead == null ? "" : " class=\"none\"").append('>');
        if (instead != null) {
            out.append(esc(instead)).append(" &middot; ").append(max).append(" points");
        } else {
            out.append(points).append(" / ").append(max);
        }
        out.append(flagged ? " &#9873;" : "").append("</span></div>\n");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
