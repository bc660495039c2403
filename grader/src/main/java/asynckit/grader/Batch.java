package asynckit.grader;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Grades every learner repository in a folder, each in the same pristine workspace (reset between
 * learners) and each in its own bounded child build, so one broken submission cannot stop the batch.
 * Writes one CSV and one JSON with a row per learner, and each learner's full report in its own folder.
 */
public final class Batch {

    /** One learner's row. */
    @JsonPropertyOrder({"learner", "points", "maxPoints", "exercises", "quizzes", "flags", "error", "seconds"})
    public record Row(String learner, int points, int maxPoints, Map<String, Integer> exercises,
                      Map<String, Integer> quizzes, List<String> flags, String error, double seconds) {}

    /** The batch's result. */
    @JsonPropertyOrder({"schema", "version", "generatedAt", "maxPoints", "learners"})
    public record Summary(String schema, int version, String generatedAt, int maxPoints, List<Row> learners) {}

    private Batch() {}

    public static Summary run(Path kit, Path cohort, Path out, Path work, Inventory inventory,
                              ChildBuild.Settings settings, QuizSource quizzes, PrintStream console) throws IOException {
        List<Path> learners;
        try (Stream<Path> dirs = Files.list(cohort)) {
            learners = dirs.filter(d -> Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS))
                    .filter(d -> !d.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
        if (learners.isEmpty()) {
            throw new IOException("no learner repositories (folders) in " + cohort);
        }
        Workspace workspace = new Workspace(kit, work, inventory);
        Grader grader = new Grader(inventory, settings, quizzes, null);
        List<Row> rows = new ArrayList<>();
        List<String> exerciseIds = inventory.exercises().stream().map(Inventory.ExerciseSpec::id).toList();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Grading").setInitialMax(learners.size())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate()
                .setConsumer(new ConsoleProgressBarConsumer(console, 90)).build()) {
            for (Path learner : learners) {
                String name = learner.getFileName().toString();
                bar.setExtraMessage(name);
                long start = System.nanoTime();
                Row row;
                try {
                    List<String> notes = workspace.prepare(learner);
                    Report report = grader.grade(workspace.dir(), "instructor", name, out.resolve("learners/" + name));
                    ReportFiles.write(report, out.resolve("learners/" + name));
                    row = row(name, report, notes, seconds(start));
                } catch (IOException | RuntimeException e) {
                    Map<String, Integer> zero = new LinkedHashMap<>();
                    exerciseIds.forEach(id -> zero.put(id, 0));
                    row = new Row(name, 0, inventory.maxPoints(), zero, Map.of(), List.of("not graded"),
                            SurefireReports.oneLine(String.valueOf(e.getMessage())), seconds(start));
                }
                rows.add(row);
                bar.step();
            }
        }
        int max = rows.stream().mapToInt(Row::maxPoints).max().orElse(inventory.maxPoints());
        Summary summary = new Summary("asynckit-grade-batch", 1, java.time.Instant.now()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), max, rows);
        ReportFiles.write(out.resolve("batch.json"), JsonSupport.pretty(summary));
        ReportFiles.write(out.resolve("batch.csv"), csv(rows, exerciseIds));
        return summary;
    }

    private static double seconds(long start) {
        return Math.round((System.nanoTime() - start) / 1e7) / 100.0;
    }

    static Row row(String name, Report report, List<String> notes, double seconds) {
        Map<String, Integer> exercises = new LinkedHashMap<>();
        List<String> flags = new ArrayList<>();
        for (Report.Exercise e : report.exercises()) {
            exercises.put(e.id(), e.points());
            if (!e.testsIntact()) {
                flags.add(e.id() + ": tests changed");
            } else if (e.outcome() != Report.Outcome.GRADED) {
                flags.add(e.id() + ": " + e.outcome().name().toLowerCase().replace('_', ' '));
            }
        }
        Map<String, Integer> quizzes = new LinkedHashMap<>();
        for (Report.Quiz q : report.quizzes()) {
            quizzes.put(q.quiz(), q.points());
            if (!q.bankIntact()) {
                flags.add("quiz " + q.quiz() + ": bank changed");
            }
        }
        if (!notes.isEmpty()) {
            flags.add(notes.size() + " note(s): " + notes.get(0));
        }
        return new Row(name, report.totals().points(), report.totals().maxPoints(), exercises, quizzes, flags, null,
                seconds);
    }

    static String csv(List<Row> rows, List<String> exerciseIds) {
        List<String> quizNames = new ArrayList<>();
        rows.forEach(r -> r.quizzes().keySet().forEach(q -> {
            if (!quizNames.contains(q)) {
                quizNames.add(q);
            }
        }));
        StringBuilder out = new StringBuilder();
        List<String> head = new ArrayList<>(List.of("learner"));
        exerciseIds.forEach(id -> head.add("ex " + id));
        quizNames.forEach(q -> head.add("quiz " + q));
        head.addAll(List.of("total", "max", "flags", "error"));
        out.append(String.join(",", head.stream().map(Batch::field).toList())).append('\n');
        for (Row r : rows) {
            List<String> cells = new ArrayList<>(List.of(r.learner()));
            exerciseIds.forEach(id -> cells.add(String.valueOf(r.exercises().getOrDefault(id, 0))));
            quizNames.forEach(q -> cells.add(String.valueOf(r.quizzes().getOrDefault(q, 0))));
            cells.addAll(List.of(String.valueOf(r.points()), String.valueOf(r.maxPoints()), String.join("; ", r.flags()),
                    r.error() == null ? "" : r.error()));
            out.append(String.join(",", cells.stream().map(Batch::field).toList())).append('\n');
        }
        return out.toString();
    }

    static String field(String s) {
        String v = s;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+")) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"").replaceAll("\\R", " ") + "\"";
        }
        return v;
    }
}
