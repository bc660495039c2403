package asynckit.grader;

/** The report as one self-contained HTML page (no scripts, no external files) with a bar per exercise. */
public final class HtmlReport {
    private HtmlReport() {}

    public static String render(Report r) {
        Report.Totals t = r.totals();
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Scored report: ").append(t.points()).append('/').append(t.maxPoints())
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
                        + "color:#1b1f24}\n")
                .append("h1{font-size:1.6rem}.chart{margin:1rem 0 2rem}\n")
                .append(".row{display:grid;grid-template-columns:16rem 1fr 6rem;gap:.75rem;align-items:center;"
                        + "margin:.35rem 0}\n")
                .append(".bar{background:#eaeef2;border-radius:4px;height:1.2rem;overflow:hidden}\n")
                .append(".fill{background:#2da44e;height:100%}.fill.flag{background:#cf222e}\n")
                .append("table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}\n")
                .append("td,th{border-bottom:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;"
                        + "vertical-align:top}\n")
                .append(".PASSED{color:#1a7f37}.FAILED,.ERRORED,.NOT_RUN{color:#cf222e}.SKIPPED{color:#9a6700}\n")
                .append(".why{font-family:ui-monospace,monospace;font-size:.85rem;white-space:pre-wrap}\n")
                .append(".note{background:#fff8c5;padding:.5rem;border-radius:4px}\n")
                .append("</style>\n</head>\n<body>\n");
        out.append("<h1>Scored report: ").append(t.points()).append(" / ").append(t.maxPoints())
                .append(" points</h1>\n");
        out.append("<p class=\"totals\"><strong>Exercises: ").append(t.exercisePoints()).append(" / ")
                .append(t.exerciseMaxPoints()).append(" (").append(t.exercisePercent()).append(" %)</strong>");
        if (!r.quizzes().isEmpty()) {
            out.append(" &middot; <strong>Quizzes: ").append(t.quizPoints()).append(" / ").append(t.quizMaxPoints())
                    .append(" (").append(t.quizPercent()).append(" %)</strong> &middot; <strong>Total: ")
                    .append(t.points()).append(" / ").append(t.maxPoints()).append(" (").append(t.percent())
                    .append(" %)</strong>");
        }
        out.append("</p>\n");
        if (r.kit() != null) {
            out.append("<p>Tests from ").append(esc(r.kit())).append(". Learner code ").append(esc(r.sandbox()))
                    .append(".</p>\n");
        }
        for (String note : r.notes()) {
            out.append("<p class=\"note\">").append(esc(note)).append("</p>\n");
        }
        out.append("<p>").append(esc(r.summaryLine())).append(" &middot; graded ").append(esc(r.generatedAt()))
                .append(r.mode().equals("self") ? "" : " &middot; " + esc(r.mode()) + ": " + esc(r.source()))
                .append("</p>\n");
        out.append("<div class=\"chart\" role=\"img\" aria-label=\"points per exercise\">\n");
        for (Report.Exercise e : r.exercises()) {
            bar(out, e.title(), e.points(), e.maxPoints(), e.flagged());
        }
        for (Report.Quiz q : r.quizzes()) {
            bar(out, "Quiz: " + (q.title() == null ? q.quiz() : q.title()) + (q.sealed() ? " (" + q.sealedState() + ")"
                    : ""), q.points(), q.maxPoints(), !q.bankIntact());
        }
        out.append("</div>\n");
        for (Report.Exercise e : r.exercises()) {
            out.append("<h2>").append(esc(e.title())).append(": ").append(e.points()).append('/')
                    .append(e.maxPoints()).append("</h2>\n");
            if (e.reason() != null) {
                out.append("<p class=\"note\">").append(esc(e.reason())).append("</p>\n");
            }
            for (String flag : e.flags()) {
                out.append("<p class=\"note\">&#9873; flagged: ").append(esc(flag)).append("</p>\n");
            }
            for (String note : e.notes()) {
                out.append("<p class=\"note\">note: ").append(esc(note)).append("</p>\n");
            }
            out.append("<table>\n<tr><th>Result</th><th>Test</th><th>Points</th><th>Why not</th></tr>\n");
            for (Report.Test test : e.tests()) {
                String why = test.status() == Report.Status.PASSED ? ""
                        : test.message() != null ? test.message() : test.reason();
                out.append("<tr><td class=\"").append(test.status()).append("\">")
                        .append(test.status().name().toLowerCase().replace('_', ' ')).append("</td><td>")
                        .append(esc(test.name())).append("</td><td>").append(test.points()).append('/')
                        .append(test.maxPoints()).append("</td><td class=\"why\">").append(esc(why))
                        .append("</td></tr>\n");
            }
            out.append("</table>\n");
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

    private static void bar(StringBuilder out, String label, int points, int max, boolean flagged) {
        int pct = max == 0 ? 0 : Math.round(100f * points / max);
        out.append("<div class=\"row\"><span>").append(esc(label)).append("</span><div class=\"bar\"><div class=\"fill")
                .append(flagged ? " flag" : "").append("\" style=\"width:").append(pct).append("%\"></div></div><span>")
                .append(points).append(" / ").append(max).append(flagged ? " &#9873;" : "").append("</span></div>\n");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
