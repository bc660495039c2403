package asynckit.grader;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Grades every learner repository in a folder against one pristine kit, several learners at a time, each
 * learner in a fresh folder of its own and each exercise in its own sandboxed test JVM, so one broken or
 * hostile submission cannot stop the batch or touch another learner's result. Writes one CSV and one JSON
 * with a row per learner, the cohort page ({@code cohort.html}) and each learner's full report in its own
 * folder. A class larger than one machine is graded in shards ({@code --shard i/n}) that {@link #merge}
 * puts back together.
 */
public final class Batch {
    static final String SCHEMA = "asynckit-grade-batch";
    static final int VERSION = 1;

    /**
     * What a teacher should look at in one learner's work, exercise ids or quiz names per kind (empty lists
     * when nothing).
     *
     * @param testsEdited   exercises whose tests, build or given files the repository changed (graded with the
     *                      kit's own anyway)
     * @param answersFile   quizzes with an attempt made from an answers file
     * @param didNotCompile exercises whose code (or the tests against it) did not compile
     * @param timedOut      exercises whose test JVM was killed at the time limit, or whose tests timed out
     * @param refused       exercises refused by the class check (reflection, another package...)
     */
    @JsonPropertyOrder({"testsEdited", "answersFile", "didNotCompile", "timedOut", "refused"})
    public record Marks(List<String> testsEdited, List<String> answersFile, List<String> didNotCompile,
                        List<String> timedOut, List<String> refused) {
        public Marks {
            testsEdited = testsEdited == null ? List.of() : List.copyOf(testsEdited);
            answersFile = answersFile == null ? List.of() : List.copyOf(answersFile);
            didNotCompile = didNotCompile == null ? List.of() : List.copyOf(didNotCompile);
            timedOut = timedOut == null ? List.of() : List.copyOf(timedOut);
            refused = refused == null ? List.of() : List.copyOf(refused);
        }

        static final Marks NONE = new Marks(null, null, null, null, null);

        /** Each kind that applies, as "tests edited: 01, 03"; empty when nothing. */
        List<String> lines() {
            List<String> out = new ArrayList<>();
            add(out, "tests edited", testsEdited);
            add(out, "answers file", answersFile);
            add(out, "did not compile", didNotCompile);
            add(out, "timed out", timedOut);
            add(out, "refused", refused);
            return out;
        }

        private static void add(List<String> out, String what, List<String> ids) {
            if (!ids.isEmpty()) {
                out.add(what + ": " + String.join(", ", ids.stream().map(Batch::shortId).toList()));
            }
        }
    }

    /**
     * One learner's row.
     *
     * @param mistakes "01-waiting-problem [one-at-a-time]" to how many failed tests named it
     * @param flags    every flag and note of the learner's report, one line each
     * @param error    why the learner could not be graded (null when graded)
     */
    @JsonPropertyOrder({"learner", "points", "maxPoints", "exercisePoints", "exerciseMaxPoints", "quizPoints",
            "quizMaxPoints", "exercises", "quizzes", "mistakes", "marks", "flags", "error", "seconds"})
    public record Row(String learner, int points, int maxPoints, int exercisePoints, int exerciseMaxPoints,
                      int quizPoints, int quizMaxPoints, Map<String, Integer> exercises, Map<String, Integer> quizzes,
                      Map<String, Integer> mistakes, Marks marks, List<String> flags, String error, double seconds) {
        public Row {
            exercises = exercises == null ? Map.of() : exercises;
            quizzes = quizzes == null ? Map.of() : quizzes;
            mistakes = mistakes == null ? Map.of() : mistakes;
            marks = marks == null ? Marks.NONE : marks;
            flags = flags == null ? List.of() : flags;
        }
    }

    /**
     * The batch's result (schema {@value #SCHEMA}, version {@value #VERSION}).
     *
     * @param exerciseMaxPoints each exercise's maximum, in course order
     * @param quizMaxPoints     each quiz's maximum
     * @param shard             the slice this run graded ("2/4"), null for the whole cohort or a merge
     * @param shards            how many shard outputs were merged into this one (1 when none)
     * @param jobs              learners graded at the same time (the largest of the shards' after a merge)
     * @param seconds           wall-clock time of the whole batch (the sum of the shards' after a merge)
     */
    @JsonPropertyOrder({"schema", "version", "generatedAt", "maxPoints", "exerciseMaxPoints", "quizMaxPoints", "kit",
            "sandbox", "shard", "shards", "jobs", "seconds", "learners"})
    public record Summary(String schema, int version, String generatedAt, int maxPoints,
                          Map<String, Integer> exerciseMaxPoints, Map<String, Integer> quizMaxPoints, String kit,
                          String sandbox, String shard, int shards, int jobs, double seconds, List<Row> learners) {
        public Summary {
            exerciseMaxPoints = exerciseMaxPoints == null ? Map.of() : exerciseMaxPoints;
            quizMaxPoints = quizMaxPoints == null ? Map.of() : quizMaxPoints;
        }
    }

    /** How progress is shown: a bar redrawn in place (a terminal), or one plain line per learner. */
    public enum Progress { BAR, PLAIN }

    /**
     * A deterministic slice of a cohort: learners are sorted by folder name and shard {@code index} of
     * {@code count} takes every {@code count}-th one starting at the {@code index}-th (1-based), so shards
     * of a class are about equal and together take everyone once.
     */
    public record Shard(int index, int count) {
        private static final Pattern FORM = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)\\s*");

        public static final Shard ALL = new Shard(1, 1);

        public Shard {
            if (count < 1 || index < 1 || index > count) {
                throw new IllegalArgumentException("--shard " + index + "/" + count + ": the shard is i/n with"
                        + " 1 <= i <= n, e.g. 1/4 ... 4/4");
            }
        }

        public static Shard parse(String text) {
            if (text == null || text.isBlank()) {
                return ALL;
            }
            Matcher m = FORM.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("--shard " + text + ": write it as i/n, e.g. 2/4 for the second of"
                        + " four shards");
            }
            return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }

        <T> List<T> of(List<T> sorted) {
            List<T> out = new ArrayList<>();
            for (int i = index - 1; i < sorted.size(); i += count) {
                out.add(sorted.get(i));
            }
            return out;
        }

        @Override
        public String toString() {
            return index + "/" + count;
        }
    }

    private Batch() {}

    /** The learner folders of a cohort folder, sorted by name (hidden folders and links left out). */
    static List<Path> learners(Path cohort) throws IOException {
        try (Stream<Path> dirs = Files.list(cohort)) {
            return dirs.filter(d -> Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS))
                    .filter(d -> !d.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(d -> d.getFileName().toString())).toList();
        }
    }

    /**
     * How many learners to grade at once on this machine: one per core, at most as many as the memory
     * available holds (each learner's test JVM may use its heap bound, plus the JVM's own memory and the
     * grader's compiler), never fewer than one.
     */
    static int defaultJobs(Sandbox.Limits limits) {
        int cores = Runtime.getRuntime().availableProcessors();
        long perLearner = (limits.heapMegabytes() + 320L) * 1024 * 1024;
        long available = availableMemory();
        long reserve = 512L * 1024 * 1024;
        int byMemory = available <= 0 ? cores : (int) Math.max(1, (available - reserve) / perLearner);
        return Math.max(1, Math.min(cores, byMemory));
    }

    /** MemAvailable from /proc/meminfo (Linux), else the JVM's view of free physical memory; 0 when unknown. */
    static long availableMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask the JVM
        }
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getFreeMemorySize();
        }
        return 0;
    }

    /**
     * Grades the learners of {@code cohort} that {@code shard} selects with {@code grader}, {@code jobs} at a
     * time; a learner's report is written only after every process of its run has been killed.
     */
    public static Summary run(Grader grader, Path cohort, Path out, int jobs, Shard shard, Progress progress,
                              PrintStream console) throws IOException {
        List<Path> all = learners(cohort);
        if (all.isEmpty()) {
            throw new IOException("no learner repositories (folders) in " + cohort);
        }
        List<Path> learners = shard.of(all);
        if (learners.isEmpty()) {
            throw new IOException("shard " + shard + " of " + cohort + " holds no learner (the cohort has " + all.size()
                    + "); use fewer shards");
        }
        long start = System.nanoTime();
        Inventory inventory = grader.inventory();
        Row[] rows = new Row[learners.size()];
        List<String> runNotes = new ArrayList<>(grader.snapshot().notes());
        runNotes.addAll(Grader.environmentNotes());
        int threads = Math.max(1, Math.min(jobs, learners.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger finished = new AtomicInteger();
        Map<String, Integer> quizMax = new java.util.concurrent.ConcurrentSkipListMap<>();
        ProgressBar bar = progress == Progress.BAR ? new ProgressBarBuilder().setTaskName("Grading")
                .setInitialMax(learners.size()).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                .continuousUpdate().setConsumer(new ConsoleProgressBarConsumer(console, 90)).build() : null;
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < learners.size(); i++) {
                int index = i;
                Path learner = learners.get(i);
                done.add(pool.submit(() -> {
                    Row row = gradeOne(grader, learner, out, inventory, runNotes, quizMax);
                    rows[index] = row;
                    int n = finished.incrementAndGet();
                    if (bar != null) {
                        synchronized (bar) {
                            bar.setExtraMessage(row.learner());
                            bar.step();
                        }
                    } else {
                        console.println(plainLine(n, learners.size(), row));
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
            if (bar != null) {
                bar.close();
            }
        }
        Map<String, Integer> exerciseMax = new LinkedHashMap<>();
        inventory.exercises().forEach(e -> exerciseMax.put(e.id(), e.maxPoints()));
        List<Row> graded = List.of(rows);
        Summary summary = new Summary(SCHEMA, VERSION, now(), graded.stream().mapToInt(Row::maxPoints).max()
                .orElse(inventory.maxPoints()), exerciseMax, new LinkedHashMap<>(quizMax), grader.snapshot().description(),
                grader.sandboxDescription(), shard.count() == 1 ? null : shard.toString(), 1, threads, seconds(start),
                graded);
        write(summary, out);
        return summary;
    }

    private static Row gradeOne(Grader grader, Path learner, Path out, Inventory inventory, List<String> runNotes,
                                Map<String, Integer> quizMax) {
        String name = learner.getFileName().toString();
        long start = System.nanoTime();
        try {
            Path dir = out.resolve("learners/" + name);
            Report report = grader.grade(learner, "instructor", name, dir, null);
            ReportFiles.write(report, dir);
            report.quizzes().forEach(q -> quizMax.merge(q.quiz(), q.maxPoints(), Math::max));
            return row(name, report, seconds(start), runNotes);
        } catch (IOException | RuntimeException e) {
            Map<String, Integer> zero = new LinkedHashMap<>();
            inventory.exercises().forEach(x -> zero.put(x.id(), 0));
            return new Row(name, 0, inventory.maxPoints(), 0, inventory.maxPoints(), 0, 0, zero, Map.of(), Map.of(),
                    Marks.NONE, List.of("not graded"), Messages.oneLine(String.valueOf(e.getMessage())), seconds(start));
        }
    }

    /** "[3/20] alice: exercises 75/100, quizzes 12/40, 41.2 s; tests edited: 01" */
    static String plainLine(int n, int of, Row row) {
        String width = String.valueOf(of);
        String line = "[" + " ".repeat(width.length() - String.valueOf(n).length()) + n + "/" + of + "] " + row.learner()
                + ": ";
        if (row.error() != null) {
            return line + "NOT GRADED: " + row.error();
        }
        List<String> marks = row.marks().lines();
        return line + "exercises " + row.exercisePoints() + "/" + row.exerciseMaxPoints() + (row.quizMaxPoints() > 0
                ? ", quizzes " + row.quizPoints() + "/" + row.quizMaxPoints() : "") + ", " + row.seconds() + " s"
                + (marks.isEmpty() ? "" : "; " + String.join("; ", marks));
    }

    /** Writes batch.json, batch.csv and cohort.html for {@code summary} into {@code out}. */
    static void write(Summary summary, Path out) throws IOException {
        ReportFiles.write(out.resolve("batch.json"), JsonSupport.pretty(summary));
        ReportFiles.write(out.resolve("batch.csv"), csv(summary));
        ReportFiles.write(out.resolve("cohort.html"), CohortPage.render(summary));
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static double seconds(long start) {
        return Math.round((System.nanoTime() - start) / 1e7) / 100.0;
    }

    /** "01-waiting-problem" -> "01"; other ids as they are. */
    static String shortId(String id) {
        int dash = id.indexOf('-');
        return dash > 0 && id.substring(0, dash).matches("\\d+") ? id.substring(0, dash) : id;
    }

    static Row row(String name, Report report, double seconds, List<String> runNotes) {
        Map<String, Integer> exercises = new LinkedHashMap<>();
        List<String> flags = new ArrayList<>();
        List<String> edited = new ArrayList<>();
        List<String> noCompile = new ArrayList<>();
        List<String> timedOut = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Report.Exercise e : report.exercises()) {
            exercises.put(e.id(), e.points());
            if (!e.testsIntact()) {
                flags.add(e.id() + ": tests changed");
            } else if (e.outcome() != Report.Outcome.GRADED) {
                flags.add(e.id() + ": " + e.outcome().name().toLowerCase().replace('_', ' '));
            }
            if (!e.testsIntact() || e.testsEdited()) {
                edited.add(e.id());
            }
            switch (e.outcome()) {
                case DID_NOT_COMPILE -> noCompile.add(e.id());
                case TIMED_OUT -> timedOut.add(e.id());
                case REFUSED -> refused.add(e.id());
                default -> {
                    // JUnit's own timeout ("m() timed out after 30 seconds"), or a test the grader saw time out.
                    if (e.tests().stream().anyMatch(t -> t.status() != Report.Status.PASSED
                            && (t.message() != null && t.message().contains("timed out after")
                            || t.reason() != null && t.reason().startsWith("timed out")))) {
                        timedOut.add(e.id());
                    }
                }
            }
            e.flags().forEach(f -> flags.add(e.id() + ": flagged: " + f));
            if (!e.notes().isEmpty()) {
                flags.add(e.id() + ": " + e.notes().size() + " note(s): " + e.notes().get(0));
            }
        }
        Map<String, Integer> quizzes = new LinkedHashMap<>();
        List<String> answersFile = new ArrayList<>();
        for (Report.Quiz q : report.quizzes()) {
            quizzes.put(q.quiz(), q.points());
            if (!q.bankIntact()) {
                flags.add("quiz " + q.quiz() + ": bank changed");
            }
            if (q.answersFileAttempts() > 0) {
                answersFile.add(q.quiz());
            }
            q.flags().forEach(f -> flags.add("quiz " + q.quiz() + ": flagged: " + f));
        }
        report.notes().stream().filter(n -> !runNotes.contains(n)).forEach(n -> flags.add("note: " + n));
        Report.Totals t = report.totals();
        return new Row(name, t.points(), t.maxPoints(), t.exercisePoints(), t.exerciseMaxPoints(), t.quizPoints(),
                t.quizMaxPoints(), exercises, quizzes, report.mistakes(),
                new Marks(edited, answersFile, noCompile, timedOut, refused), flags, null, seconds);
    }

    /**
     * Merges the outputs of several batch runs (the shards of one class) into {@code out}: one batch.json,
     * batch.csv and cohort.html, and every learner's report folder. Refuses shards graded against different
     * kits, and a learner graded twice.
     */
    public static Summary merge(List<Path> dirs, Path out) throws IOException {
        if (dirs.isEmpty()) {
            throw new IOException("nothing to merge: name the folders the shards wrote (each holds batch.json)");
        }
        List<Summary> parts = new ArrayList<>();
        for (Path dir : dirs) {
            Path json = dir.resolve("batch.json");
            if (!Files.isRegularFile(json)) {
                throw new IOException(dir + " holds no batch.json: is it the --out folder of a batch run?");
            }
            Summary s;
            try {
                s = JsonSupport.MAPPER.readValue(json.toFile(), Summary.class);
            } catch (IOException e) {
                throw new IOException(json + " is not a batch result: " + Messages.oneLine(e.getMessage()), e);
            }
            if (!SCHEMA.equals(s.schema()) || s.version() != VERSION) {
                throw new IOException(json + " is " + s.schema() + " version " + s.version() + ", not " + SCHEMA
                        + " version " + VERSION);
            }
            parts.add(s);
        }
        Summary first = parts.get(0);
        Map<String, Path> seen = new LinkedHashMap<>();
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> quizMax = new LinkedHashMap<>(first.quizMaxPoints());
        double seconds = 0;
        int jobs = 0;
        int shards = 0;
        for (int i = 0; i < parts.size(); i++) {
            Summary s = parts.get(i);
            if (!s.kit().equals(first.kit()) || !s.exerciseMaxPoints().equals(first.exerciseMaxPoints())) {
                throw new IOException("the shards were graded against different kits or exercises: " + dirs.get(0)
                        + " (" + first.kit() + ", " + first.exerciseMaxPoints().keySet() + ") and " + dirs.get(i) + " ("
                        + s.kit() + ", " + s.exerciseMaxPoints().keySet() + "); grade every shard from the same commit");
            }
            for (Row r : s.learners()) {
                Path before = seen.putIfAbsent(r.learner(), dirs.get(i));
                if (before != null) {
                    throw new IOException("learner " + r.learner() + " was graded in two shards (" + before + " and "
                            + dirs.get(i) + "): were the shards cut from the same cohort with the same n?");
                }
                rows.add(r);
            }
            s.quizMaxPoints().forEach(quizMax::putIfAbsent);
            seconds += s.seconds();
            jobs = Math.max(jobs, s.jobs());
            shards += Math.max(1, s.shards());
        }
        rows.sort(Comparator.comparing(Row::learner));
        Files.createDirectories(out);
        for (int i = 0; i < dirs.size(); i++) {
            Path learners = dirs.get(i).resolve("learners");
            if (Files.isDirectory(learners) && !learners.toAbsolutePath().normalize()
                    .equals(out.resolve("learners").toAbsolutePath().normalize())) {
                FileTrees.copyTree(learners, out.resolve("learners"));
            }
        }
        Summary merged = new Summary(SCHEMA, VERSION, now(), rows.stream().mapToInt(Row::maxPoints).max()
                .orElse(first.maxPoints()), first.exerciseMaxPoints(), quizMax, first.kit(), first.sandbox(), null,
                shards, jobs, Math.round(seconds * 100) / 100.0, rows);
        write(merged, out);
        return merged;
    }

    static String csv(Summary summary) {
        List<String> exerciseIds = new ArrayList<>(summary.exerciseMaxPoints().keySet());
        List<Row> rows = summary.learners();
        rows.forEach(r -> r.exercises().keySet().forEach(id -> {
            if (!exerciseIds.contains(id)) {
                exerciseIds.add(id);
            }
        }));
        List<String> quizNames = new ArrayList<>(summary.quizMaxPoints().keySet());
        rows.forEach(r -> r.quizzes().keySet().forEach(q -> {
            if (!quizNames.contains(q)) {
                quizNames.add(q);
            }
        }));
        StringBuilder out = new StringBuilder();
        List<String> head = new ArrayList<>(List.of("learner"));
        exerciseIds.forEach(id -> head.add("ex " + id));
        quizNames.forEach(q -> head.add("quiz " + q));
        head.addAll(List.of("exercises", "quizzes", "total", "max", "mistakes", "marks", "flags", "error", "seconds"));
        out.append(String.join(",", head.stream().map(Batch::field).toList())).append('\n');
        for (Row r : rows) {
            List<String> cells = new ArrayList<>(List.of(r.learner()));
            exerciseIds.forEach(id -> cells.add(String.valueOf(r.exercises().getOrDefault(id, 0))));
            quizNames.forEach(q -> cells.add(String.valueOf(r.quizzes().getOrDefault(q, 0))));
            List<String> mistakes = new ArrayList<>();
            r.mistakes().forEach((m, n) -> mistakes.add(m + (n > 1 ? " x" + n : "")));
            cells.addAll(List.of(String.valueOf(r.exercisePoints()), String.valueOf(r.quizPoints()),
                    String.valueOf(r.points()), String.valueOf(r.maxPoints()), String.join("; ", mistakes),
                    String.join("; ", r.marks().lines()), String.join("; ", r.flags()),
                    r.error() == null ? "" : r.error(), String.valueOf(r.seconds())));
            out.append(String.join(",", cells.stream().map(Batch::field).toList())).append('\n');
        }
        return out.toString();
    }

    static String field(String s) {
        String v = s;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+(\\.\\d+)?")) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"").replaceAll("\\R", " ") + "\"";
        }
        return v;
    }
}
