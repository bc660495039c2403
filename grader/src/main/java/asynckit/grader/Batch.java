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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Grades every learner repository in a folder against one pristine kit, each learner in a fresh folder of
 * its own and each exercise in its own sandboxed test JVM, so one broken or hostile submission cannot stop
 * the batch or touch another learner's result.
 * Writes one CSV and one JSON with a row per learner, and each learner's full report in its own folder.
 */
public final class Batch {

    /** One learner's row. */
    @JsonPropertyOrder({"learner", "points", "maxPoints", "exercises", "quizzes", "flags", "error", "seconds"})
    public record Row(String learner, int points, int maxPoints, Map<String, Integer> exercises,
                      Map<String, Integer> quizzes, List<String> flags, String error, double seconds) {}

    /** The batch's result. */
    @JsonPropertyOrder({"schema", "version", "generatedAt", "maxPoints", "kit", "sandbox", "learners"})
    public record Summary(String schema, int version, String generatedAt, int maxPoints, String kit, String sandbox,
                          List<Row> learners) {}

    private Batch() {}

    /**
     * Grades every learner folder of {@code cohort} with {@code grader}, {@code jobs} learners at a time, each
     * in a fresh folder of its own; a learner's report is written only after every process of its run has
     * been killed.
     */
    public static Summary run(Grader grader, Path cohort, Path out, int jobs, PrintStream console) throws IOException {
        List<Path> learners;
        try (Stream<Path> dirs = Files.list(cohort)) {
            learners = dirs.filter(d -> Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS))
                    .filter(d -> !d.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
        if (learners.isEmpty()) {
            throw new IOException("no learner repositories (folders) in " + cohort);
        }
        Inventory inventory = grader.inventory();
        List<String> exerciseIds = inventory.exercises().stream().map(Inventory.ExerciseSpec::id).toList();
        Row[] rows = new Row[learners.size()];
        List<String> runNotes = new ArrayList<>(grader.snapshot().notes());
        runNotes.addAll(Grader.environmentNotes());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Grading").setInitialMax(learners.size())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate()
                .setConsumer(new ConsoleProgressBarConsumer(console, 90)).build()) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < learners.size(); i++) {
                int index = i;
                Path learner = learners.get(i);
                done.add(pool.submit(() -> {
                    String name = learner.getFileName().toString();
                    long start = System.nanoTime();
                    Row row;
                    try {
                        Path dir = out.resolve("learners/" + name);
                        Report report = grader.grade(learner, "instructor", name, dir, null);
                        ReportFiles.write(report, dir);
                        row = row(name, report, seconds(start), runNotes);
                    } catch (IOException | RuntimeException e) {
                        Map<String, Integer> zero = new LinkedHashMap<>();
                        exerciseIds.forEach(id -> zero.put(id, 0));
                        row = new Row(name, 0, inventory.maxPoints(), zero, Map.of(), List.of("not graded"),
                                Messages.oneLine(String.valueOf(e.getMessage())), seconds(start));
                    }
                    rows[index] = row;
                    synchronized (bar) {
                        bar.setExtraMessage(name);
                        bar.step();
                    }
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                } catch (ExecutionException e) {
                    throw new IOException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<Row> all = List.of(rows);
        int max = all.stream().mapToInt(Row::maxPoints).max().orElse(inventory.maxPoints());
        Summary summary = new Summary("asynckit-grade-batch", 1, java.time.Instant.now()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), max, grader.snapshot().description(),
                grader.sandboxDescription(), all);
        ReportFiles.write(out.resolve("batch.json"), JsonSupport.pretty(summary));
        ReportFiles.write(out.resolve("batch.csv"), csv(all, exerciseIds));
        return summary;
    }

    private static double seconds(long start) {
        return Math.round((System.nanoTime() - start) / 1e7) / 100.0;
    }

    static Row row(String name, Report report, double seconds, List<String> runNotes) {
        Map<String, Integer> exercises = new LinkedHashMap<>();
        List<String> flags = new ArrayList<>();
        for (Report.Exercise e : report.exercises()) {
            exercises.put(e.id(), e.points());
            if (!e.testsIntact()) {
                flags.add(e.id() + ": tests changed");
            } else if (e.outcome() != Report.Outcome.GRADED) {
                flags.add(e.id() + ": " + e.outcome().name().toLowerCase().replace('_', ' '));
            }
            e.flags().forEach(f -> flags.add(e.id() + ": flagged: " + f));
            if (!e.notes().isEmpty()) {
                flags.add(e.id() + ": " + e.notes().size() + " note(s): " + e.notes().get(0));
            }
        }
        Map<String, Integer> quizzes = new LinkedHashMap<>();
        for (Report.Quiz q : report.quizzes()) {
            quizzes.put(q.quiz(), q.points());
            if (!q.bankIntact()) {
                flags.add("quiz " + q.quiz() + ": bank changed");
            }
        }
        report.notes().stream().filter(n -> !runNotes.contains(n)).forEach(n -> flags.add("note: " + n));
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
