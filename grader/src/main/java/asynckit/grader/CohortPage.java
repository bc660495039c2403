package asynckit.grader;

import static asynckit.grader.HtmlReport.esc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The cohort page ({@code cohort.html}): one self-contained HTML page for the teacher of a class, made from a
 * batch's (or a merge's) rows. The subtotals and each exercise's and quiz's score distribution, the mistakes
 * most learners made, and every learner's scores and flags (tests edited, answers-file attempts, compile
 * errors, timeouts), each learner linked to their own report.
 */
final class CohortPage {
    /** Score bands, as a share of the maximum: 0, then quarters, then every point. */
    static final String[] BANDS = {"0", "1-24 %", "25-49 %", "50-74 %", "75-99 %", "100 %"};
    static final int MOST_COMMON = 15;

    private CohortPage() {}

    static String render(Batch.Summary s) {
        List<Batch.Row> rows = s.learners();
        List<Batch.Row> graded = rows.stream().filter(r -> r.error() == null).toList();
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Cohort: ").append(rows.size()).append(" learners</title>\n<style>\n")
                .append(HtmlReport.STYLE)
                .append(".dist{display:grid;grid-template-columns:repeat(6,1fr);gap:2px;align-items:end;height:2.6rem}\n")
                .append(".dist div{background:#0969da;min-height:1px}.dist div.zero{background:#cf222e}"
                        + ".dist div.full{background:#2da44e}\n")
                .append(".bands{display:grid;grid-template-columns:repeat(6,1fr);gap:2px;font-size:.75rem;"
                        + "color:#57606a;text-align:center}\n")
                .append("td.dcell{width:22rem}.badge{display:inline-block;border-radius:1rem;padding:0 .5rem;margin:0 .2rem"
                        + " .2rem 0;font-size:.8rem;background:#ffebe9;color:#82071e;white-space:nowrap}\n")
                .append("</style>\n</head>\n<body>\n");
        out.append("<h1>Cohort: ").append(rows.size()).append(rows.size() == 1 ? " learner" : " learners")
                .append("</h1>\n<p class=\"sub\">Tests from ").append(esc(s.kit())).append(". Learner code ")
                .append(esc(s.sandbox())).append(".</p>\n<p>Graded ").append(esc(s.generatedAt()))
                .append(s.shard() != null ? " &middot; shard " + esc(s.shard()) : "")
                .append(s.shards() > 1 ? " &middot; " + s.shards() + " shards merged" : "")
                .append(" &middot; ").append(s.jobs()).append(s.jobs() == 1 ? " learner" : " learners")
                .append(" at a time &middot; ").append(String.format(java.util.Locale.ROOT, "%.0f", s.seconds()))
                .append(" s").append(graded.size() < rows.size() ? " &middot; <strong>" + (rows.size() - graded.size())
                        + " not graded</strong>" : "").append("</p>\n");

        out.append("<h2>Scores</h2>\n<table>\n<tr><th>What</th><th class=\"num\">Max</th><th class=\"num\">Median</th>"
                + "<th class=\"num\">Mean</th><th class=\"num\">Full marks</th><th>Distribution (learners per band)"
                + "</th></tr>\n");
        int exMax = s.exerciseMaxPoints().values().stream().mapToInt(Integer::intValue).sum();
        distribution(out, "<strong>Exercises</strong>", graded, Batch.Row::exercisePoints, exMax);
        int quizMax = s.quizMaxPoints().values().stream().mapToInt(Integer::intValue).sum();
        if (quizMax > 0) {
            distribution(out, "<strong>Quizzes</strong>", graded, Batch.Row::quizPoints, quizMax);
        }
        for (Map.Entry<String, Integer> e : s.exerciseMaxPoints().entrySet()) {
            distribution(out, esc(e.getKey()), graded, r -> r.exercises().getOrDefault(e.getKey(), 0), e.getValue());
        }
        for (Map.Entry<String, Integer> q : s.quizMaxPoints().entrySet()) {
            distribution(out, "Quiz: " + esc(q.getKey()), graded, r -> r.quizzes().getOrDefault(q.getKey(), 0),
                    q.getValue());
        }
        out.append("</table>\n");

        mistakes(out, graded);
        learners(out, rows, s);
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private static void distribution(StringBuilder out, String label, List<Batch.Row> rows,
                                     ToIntFunction<Batch.Row> points, int max) {
        int[] bands = new int[BANDS.length];
        int[] values = rows.stream().mapToInt(points).sorted().toArray();
        for (int v : values) {
            bands[band(v, max)]++;
        }
        int most = Arrays.stream(bands).max().orElse(0);
        out.append("<tr><td>").append(label).append("</td><td class=\"num\">").append(max)
                .append("</td><td class=\"num\">").append(values.length == 0 ? "-" : fmt(median(values)))
                .append("</td><td class=\"num\">").append(values.length == 0 ? "-"
                        : fmt(Arrays.stream(values).average().orElse(0))).append("</td><td class=\"num\">")
                .append(bands[BANDS.length - 1]).append("</td><td class=\"dcell\"><div class=\"dist\" role=\"img\""
                        + " aria-label=\"");
        List<String> aria = new ArrayList<>();
        for (int i = 0; i < BANDS.length; i++) {
            aria.add(BANDS[i] + ": " + bands[i]);
        }
        out.append(esc(String.join(", ", aria))).append("\">");
        for (int i = 0; i < BANDS.length; i++) {
            int h = most == 0 ? 0 : Math.round(100f * bands[i] / most);
            out.append("<div").append(i == 0 ? " class=\"zero\"" : i == BANDS.length - 1 ? " class=\"full\"" : "")
                    .append(" style=\"height:").append(h).append("%\" title=\"").append(BANDS[i]).append(": ")
                    .append(bands[i]).append("\"></div>");
        }
        out.append("</div><div class=\"bands\">");
        for (int i = 0; i < BANDS.length; i++) {
            out.append("<span>").append(BANDS[i]).append("<br>").append(bands[i]).append("</span>");
        }
        out.append("</div></td></tr>\n");
    }

    /** The band of {@code points} out of {@code max}: 0, four quarters below the maximum, the maximum. */
    static int band(int points, int max) {
        if (points <= 0 || max <= 0) {
            return 0;
        }
        if (points >= max) {
            return BANDS.length - 1;
        }
        return 1 + Math.min(3, (int) (4L * points / max));
    }

    static double median(int[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    /** The mistakes most learners made: how many learners, and how many failed tests named it in all. */
    private static void mistakes(StringBuilder out, List<Batch.Row> rows) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Batch.Row r : rows) {
            r.mistakes().forEach((m, n) -> {
                int[] c = counts.computeIfAbsent(m, k -> new int[2]);
                c[0]++;
                c[1] += n;
            });
        }
        out.append("<h2>Most common mistakes</h2>\n");
        if (counts.isEmpty()) {
            out.append("<p class=\"none\">No failure named a mistake.</p>\n");
            return;
        }
        List<Map.Entry<String, int[]>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Integer.compare(b.getValue()[0], a.getValue()[0])
                : a.getValue()[1] != b.getValue()[1] ? Integer.compare(b.getValue()[1], a.getValue()[1])
                : a.getKey().compareTo(b.getKey()));
        out.append("<table>\n<tr><th>Mistake</th><th class=\"num\">Learners</th><th class=\"num\">Failed tests</th>"
                + "<th>Share of the class</th></tr>\n");
        for (Map.Entry<String, int[]> e : sorted.subList(0, Math.min(MOST_COMMON, sorted.size()))) {
            int pct = rows.isEmpty() ? 0 : Math.round(100f * e.getValue()[0] / rows.size());
            out.append("<tr><td><code>").append(esc(e.getKey())).append("</code></td><td class=\"num\">")
                    .append(e.getValue()[0]).append("</td><td class=\"num\">").append(e.getValue()[1])
                    .append("</td><td><div class=\"bar\"><div class=\"fill\" style=\"width:").append(pct)
                    .append("%\"></div></div></td></tr>\n");
        }
        out.append("</table>\n");
        if (sorted.size() > MOST_COMMON) {
            out.append("<p>").append(sorted.size() - MOST_COMMON).append(" more in batch.csv (column mistakes).</p>\n");
        }
    }

    private static void learners(StringBuilder out, List<Batch.Row> rows, Batch.Summary s) {
        out.append("<h2>Learners</h2>\n<table>\n<tr><th>Learner</th><th class=\"num\">Exercises</th>");
        boolean quizzes = !s.quizMaxPoints().isEmpty();
        if (quizzes) {
            out.append("<th class=\"num\">Quizzes</th>");
        }
        out.append("<th class=\"num\">Total</th><th>Flags</th><th class=\"num\">Seconds</th></tr>\n");
        for (Batch.Row r : rows) {
            String link = "learners/" + urlPart(r.learner()) + "/report.html";
            out.append("<tr><td>").append(r.error() == null ? "<a href=\"" + esc(link) + "\">" + esc(r.learner()) + "</a>"
                    : esc(r.learner())).append("</td><td class=\"num\">").append(r.exercisePoints()).append('/')
                    .append(r.exerciseMaxPoints()).append("</td>");
            if (quizzes) {
                out.append("<td class=\"num\">").append(r.quizPoints()).append('/').append(r.quizMaxPoints())
                        .append("</td>");
            }
            out.append("<td class=\"num\">").append(r.points()).append('/').append(r.maxPoints()).append("</td><td>");
            if (r.error() != null) {
                out.append("<span class=\"badge\">not graded</span> ").append(esc(r.error()));
            }
            for (String mark : r.marks().lines()) {
                out.append("<span class=\"badge\">").append(esc(mark)).append("</span>");
            }
            List<String> other = r.flags().stream().filter(f -> f.contains("flagged: "))
                    .filter(f -> !f.contains("flagged: tests edited: ") && !f.contains("from an answers file")).toList();
            if (!other.isEmpty()) {
                out.append("<span class=\"badge\" title=\"").append(esc(String.join("\n", other))).append("\">")
                        .append(other.size()).append(other.size() == 1 ? " other flag" : " other flags")
                        .append("</span>");
            }
            out.append("</td><td class=\"num\">").append(fmt(r.seconds())).append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private static String urlPart(String name) {
        return java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
