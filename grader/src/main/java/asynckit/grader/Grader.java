package asynckit.grader;

import asynckit.grader.Report.Exercise;
import asynckit.grader.Report.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Grades learners against one pristine kit. Made once per grading run ({@link #prepare}): the kit's
 * inventory is derived from the snapshot and its tests are built before any learner code runs. Then each
 * learner ({@link #grade}) gets a fresh folder of the grader's: only the files they write are taken, each
 * exercise is compiled by the grader, its classes are checked, and its tests run in a sandboxed test JVM
 * whose every process is killed before the report is made. A test with no result fails, with the reason.
 */
public final class Grader implements AutoCloseable {

    /**
     * @param timeScale          stretches simulated latencies and time limits (kit.timeScale)
     * @param forkTimeoutSeconds wall-clock limit of one exercise's test JVM
     * @param testTimeout        JUnit's default timeout per test (null: the testkit's)
     * @param sandbox            auto, none, bubblewrap or unshare
     * @param limits             process, memory and heap limits of one test JVM
     * @param buildCache         where trusted builds are kept for later runs of the same kit (null: none)
     */
    public record Settings(String timeScale, int forkTimeoutSeconds, String testTimeout, String sandbox,
                           Sandbox.Limits limits, Path buildCache) {
        /** Settings without a build cache: every run builds the kit's tests. */
        public Settings(String timeScale, int forkTimeoutSeconds, String testTimeout, String sandbox,
                        Sandbox.Limits limits) {
            this(timeScale, forkTimeoutSeconds, testTimeout, sandbox, limits, null);
        }

        public static Settings defaults() {
            return new Settings("1", 300, null, "auto", Sandbox.Limits.defaults());
        }

        /** The same settings, reusing trusted builds from {@code cache} (see {@link BuildCache}). */
        public Settings withBuildCache(Path cache) {
            return new Settings(timeScale, forkTimeoutSeconds, testTimeout, sandbox, limits, cache);
        }
    }

    private final KitSnapshot snapshot;
    private final Inventory inventory;
    private final TrustedBuild build;
    private final Sandbox sandbox;
    private final Settings settings;
    private final QuizSource quizzes;
    private final Consumer<String> progress;
    private final Path work;
    private final boolean ownsWork;
    private final AtomicInteger learnerCount = new AtomicInteger();
    /** When every learner's grading must be over (Gradescope's limit); null: no deadline, only the fork timeout. */
    private volatile Instant deadline;
    /** How many of one learner's exercises are graded at the same time (see {@link #exercisesAtOnce}). */
    private volatile int exercisesAtOnce = 1;
    private final Object unguardedRuns = new Object();

    private Grader(KitSnapshot snapshot, Inventory inventory, TrustedBuild build, Sandbox sandbox, Settings settings,
                   QuizSource quizzes, Consumer<String> progress, Path work, boolean ownsWork) {
        this.snapshot = snapshot;
        this.inventory = inventory;
        this.build = build;
        this.sandbox = sandbox;
        this.settings = settings;
        this.quizzes = quizzes;
        this.progress = progress == null ? s -> { } : progress;
        this.work = work;
        this.ownsWork = ownsWork;
    }

    /** Where a grading run's own files go: a fresh folder under the system's temporary folder. */
    static Path newWorkDir() throws IOException {
        return Files.createTempDirectory("asynckit-grade-");
    }

    /**
     * Lays out the pristine kit, derives its inventory and builds its tests.
     *
     * @param kit      the trusted kit (instructor, batch), or the learner's clone (self mode)
     * @param self     self mode: the snapshot is the reference commit of {@code kit}, not its HEAD
     * @param reference the reference commit named by the user (self mode), or null
     * @param only     exercise ids or numbers to grade (empty: all)
     * @param work     where the grader's own files go (null: a fresh temporary folder, deleted on close)
     */
    public static Grader prepare(Path kit, boolean self, String reference, List<String> only, Settings settings,
                                 QuizSource quizzes, Consumer<String> progress, Path work) throws IOException {
        kit = kit.toAbsolutePath().normalize();
        boolean owns = work == null;
        Path dir = owns ? newWorkDir() : work.toAbsolutePath().normalize();
        if (dir.startsWith(kit)) {
            throw new IOException("the grader's work folder (" + dir + ") must be outside the kit (" + kit + ")");
        }
        if (Files.exists(dir)) {
            FileTrees.deleteTree(dir);
        }
        Files.createDirectories(dir);
        try {
            Path pristine = dir.resolve("kit");
            KitSnapshot snapshot = self ? KitSnapshot.ofReference(kit, reference, pristine)
                    : KitSnapshot.ofKit(kit, pristine);
            Inventory inventory = Inventory.derive(pristine).only(only);
            Consumer<String> p = progress == null ? s -> { } : progress;
            p.accept((settings.buildCache() == null ? "building the kit's tests (" : "building the kit's tests, or"
                    + " reusing an earlier build of the same files (") + snapshot.description() + ")");
            TrustedBuild build = TrustedBuild.make(pristine, inventory, dir.resolve("trusted"),
                    dir.resolve("kit-build.log"), settings.buildCache() == null ? null
                            : settings.buildCache().toAbsolutePath().normalize());
            if (build.reused()) {
                p.accept("reused the kit's tests built earlier for the same files (" + settings.buildCache() + ")");
            }
            Sandbox sandbox = Sandbox.detect(settings.sandbox());
            if (sandbox.kind() != Sandbox.Kind.BUBBLEWRAP) {
                build.guard();
            }
            return new Grader(snapshot, inventory, build, sandbox, settings, quizzes, progress, dir, owns);
        } catch (IOException | RuntimeException e) {
            if (owns) {
                FileTrees.deleteTree(dir);
            }
            throw e;
        }
    }

    public Inventory inventory() {
        return inventory;
    }

    /**
     * Sets when grading must be over: each exercise's test JVM then gets at most an even share of the time
     * left (the fork timeout still caps it), so code that hangs in every exercise cannot run the whole run past
     * the deadline; an exercise with no time left is not run and says so.
     */
    public void finishBy(Instant deadline) {
        this.deadline = deadline;
    }

    /**
     * Grades up to {@code n} of a learner's exercises at the same time (each in its own test JVM), for one learner
     * graded alone on a machine with cores to spare; 1 (the default) grades them one after another, as a batch
     * that grades several learners at once should.
     */
    public void exercisesAtOnce(int n) {
        this.exercisesAtOnce = Math.max(1, n);
    }

    /**
     * Seconds the next exercise's test JVM may run, {@code left} exercises (this one included) still to go and
     * {@code atOnce} graded side by side: the time left is shared by the rounds to go.
     */
    int wallSeconds(int left, int atOnce) {
        return wallSeconds(Instant.now(), deadline, settings.forkTimeoutSeconds(), (left + atOnce - 1) / atOnce);
    }

    /**
     * An even share of the time left before {@code deadline} (less a reserve) among {@code left} exercises,
     * at most {@code forkTimeout}; the fork timeout alone when there is no deadline.
     */
    static int wallSeconds(Instant now, Instant deadline, int forkTimeout, int left) {
        if (deadline == null) {
            return forkTimeout;
        }
        long share = secondsLeft(now, deadline) / Math.max(1, left);
        return (int) Math.max(0, Math.min(forkTimeout, share));
    }

    /**
     * A test JVM's limit: {@code wallSeconds} of its own time, stretched on the clock by what a busy machine kept
     * it waiting, up to {@link TestRun.TimeLimit#STRETCH} times as long, and never past the deadline's reserve.
     */
    static TestRun.TimeLimit timeLimit(Instant now, Instant deadline, int wallSeconds) {
        TestRun.TimeLimit limit = TestRun.TimeLimit.of(wallSeconds);
        if (deadline == null) {
            return limit;
        }
        return new TestRun.TimeLimit(wallSeconds, (int) Math.min(limit.maxSeconds(), secondsLeft(now, deadline)));
    }

    /** Seconds from {@code now} to {@code deadline}, less the reserve kept back for compiling and reporting. */
    private static long secondsLeft(Instant now, Instant deadline) {
        return java.time.Duration.between(now, deadline).toSeconds() - DEADLINE_RESERVE_SECONDS;
    }

    /** Why a test JVM was killed: its code ran past its own time, or the machine was too busy to judge. */
    static String timedOutReason(TestRun.Outcome run, TestRun.TimeLimit limit) {
        long clock = Math.round(run.seconds());
        long waited = Math.round(run.waitedSeconds());
        if (run.machineTooBusy()) {
            return "not judged: the machine was too busy. The test JVM was stopped after " + clock + " s on the clock,"
                    + " " + waited + " s of them waiting for a CPU, before its own " + limit.seconds() + " s were used"
                    + " up; grade again on a quieter machine (or with fewer --jobs)";
        }
        return "timed out: the test JVM was killed after " + limit.seconds() + " s of its own time"
                + (waited > 0 ? " (" + clock + " s on the clock: the busy machine kept it waiting " + waited
                + " s, which did not count)" : "") + " (code that never ends: a loop that ignores interrupts, a"
                + " deadlock?)";
    }

    /** Kept back from the deadline for compiling an exercise and writing the reports. */
    static final int DEADLINE_RESERVE_SECONDS = 5;
    /** A test JVM given less than this is not started: the exercise is reported as not run for lack of time. */
    static final int MIN_WALL_SECONDS = 10;


    /** True when the kit's tests were taken from the build cache. */
    boolean reusedBuild() {
        return build.reused();
    }

    KitSnapshot snapshot() {
        return snapshot;
    }

    String sandboxDescription() {
        return sandbox.describe(settings.limits(), settings.forkTimeoutSeconds());
    }

    /**
     * Grades one learner's repository.
     *
     * @param learner   the learner's repository (or the clone itself in self mode)
     * @param mode      {@code self} or {@code instructor}
     * @param source    how the report names what was graded
     * @param reportDir where the test output logs go
     * @param integrity self mode's comparison of the clone with the reference (null in instructor mode)
     */
    public Report grade(Path learner, String mode, String source, Path reportDir, IntegrityCheck integrity)
            throws IOException {
        long start = System.nanoTime();
        learner = learner.toAbsolutePath().normalize();
        Path dir = work.resolve("learners").resolve(learnerCount.incrementAndGet() + "-"
                + source.replaceAll("[^A-Za-z0-9._-]", "_"));
        try {
            Intake.Result intake = Intake.take(learner, build.pristine(), inventory, dir);
            IntegrityCheck edits = integrity == null ? IntegrityCheck.edits(learner, inventory) : null;
            List<Exercise> exercises = gradeExercises(intake, integrity, edits, dir, reportDir);
            List<Report.Quiz> quizRows = quizRows(intake, integrity);
            List<String> notes = new ArrayList<>(snapshot.notes());
            notes.addAll(intake.notes());
            intake.flags().forEach(f -> notes.add("flagged: " + f));
            if (edits != null && !edits.shared().isEmpty()) {
                notes.add("flagged: the repository changes files every exercise's build uses (" + String.join(", ",
                        edits.shared().subList(0, Math.min(3, edits.shared().size()))) + (edits.shared().size() > 3
                        ? ", and " + (edits.shared().size() - 3) + " more" : "") + "); not used: graded with "
                        + snapshot.description());
            }
            if (edits != null && !edits.banks().isEmpty()) {
                notes.add("flagged: the repository changes quiz banks (" + String.join(", ", edits.banks())
                        + "); not used: its attempts were scored against the kit's banks");
            }
            notes.addAll(environmentNotes());
            Report.Totals totals = Report.Totals.of(exercises, quizRows);
            double seconds = Math.round((System.nanoTime() - start) / 1e7) / 100.0;
            return new Report(Report.SCHEMA, Report.VERSION, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                    mode, source, seconds, snapshot.description(), sandboxDescription(), notes, exercises, quizRows,
                    totals, NextSteps.of(exercises, quizRows));
        } finally {
            FileTrees.deleteTree(dir);
        }
    }

    /**
     * Every exercise of one learner, in the inventory's order: one after another, or {@link #exercisesAtOnce} side
     * by side (each exercise has its own folder, test JVM and log, so they share nothing but the machine).
     */
    private List<Exercise> gradeExercises(Intake.Result intake, IntegrityCheck integrity, IntegrityCheck edits,
                                          Path dir, Path reportDir) throws IOException {
        List<Inventory.ExerciseSpec> specs = inventory.exercises();
        int atOnce = Math.max(1, Math.min(exercisesAtOnce, specs.size()));
        AtomicInteger notStarted = new AtomicInteger(specs.size());
        List<Exercise> exercises = new ArrayList<>();
        if (atOnce == 1) {
            for (Inventory.ExerciseSpec spec : specs) {
                exercises.add(gradeExercise(spec, intake, integrity, edits, dir, reportDir,
                        wallSeconds(notStarted.getAndDecrement(), 1)));
            }
            return exercises;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(atOnce, r -> {
            Thread t = new Thread(r, "grader-exercise");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<Exercise>> running = new ArrayList<>();
            for (Inventory.ExerciseSpec spec : specs) {
                // The time share is taken when the exercise starts, from the time left then.
                running.add(pool.submit(() -> gradeExercise(spec, intake, integrity, edits, dir, reportDir,
                        wallSeconds(notStarted.getAndDecrement(), atOnce))));
            }
            for (java.util.concurrent.Future<Exercise> f : running) {
                exercises.add(f.get());
            }
            return exercises;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while grading the exercises");
        } finally {
            pool.shutdownNow();
        }
    }

    private Exercise gradeExercise(Inventory.ExerciseSpec spec, Intake.Result intake, IntegrityCheck integrity,
                                   IntegrityCheck edits, Path dir, Path reportDir, int wall) throws IOException {
        Intake.ExerciseFiles files = intake.exercises().get(spec.id());
        Exercise e;
        List<String> changed = integrity == null ? List.of() : integrity.against(spec.id());
        if (!changed.isEmpty()) {
            e = ReportMatcher.unscored(spec, Outcome.TESTS_CHANGED, "scores 0: files that decide how the tests"
                    + " run differ from " + snapshot.description() + " (" + String.join(", ",
                    changed.subList(0, Math.min(3, changed.size()))) + (changed.size() > 3 ? ", ..." : "")
                    + "); restore them, e.g. git checkout -- " + firstPath(changed.get(0)), false, changed);
        } else if (wall < MIN_WALL_SECONDS) {
            e = ReportMatcher.unscored(spec, Outcome.TIMED_OUT, "not run: the grading ran out of time (its"
                    + " deadline leaves " + wall + " s for this exercise); code that hangs in the exercises"
                    + " before it used the time up", true, List.of());
        } else {
            progress.accept("running the tests of " + spec.title());
            e = gradeOne(spec, files, dir.resolve("ex").resolve(spec.id()), reportDir, wall);
        }
        List<String> notes = new ArrayList<>(files.notes());
        notes.addAll(spec.problems().stream().map(p -> "the kit: " + p).toList());
        e = e.with(files.flags(), notes);
        return edits == null ? e : e.withEdits(edits.exercises().get(spec.id()), snapshot.description());
    }

    private static String firstPath(String changed) {
        int space = changed.indexOf(" (");
        return space > 0 ? changed.substring(0, space) : changed;
    }

    /** Inherited settings that would change how a JVM or Maven starts: never passed on, and said. */
    static List<String> environmentNotes() {
        List<String> notes = new ArrayList<>();
        for (String v : TrustedBuild.JVM_VARIABLES) {
            String value = System.getenv(v);
            if (value != null && !value.isBlank()) {
                notes.add(v + " is set (" + Messages.cut(value, 80) + "): not passed on to the kit's build or the tests");
            }
        }
        return notes;
    }

    private List<Report.Quiz> quizRows(Intake.Result intake, IntegrityCheck integrity) {
        if (quizzes == null || intake.quizRoot() == null) {
            return List.of();
        }
        List<Report.Quiz> rows = new ArrayList<>();
        for (Report.Quiz q : quizzes.grade(intake.quizRoot())) {
            if (integrity != null && integrity.bankChanged(q.quiz())) {
                String file = "quizzes/banks/" + q.quiz() + ".quiz";
                rows.add(q.bankDiffers(file + " differs from " + snapshot.description() + ": scores 0 (restore it: git"
                        + " checkout -- " + file + ")"));
            } else {
                rows.add(q);
            }
        }
        return rows;
    }

    private Exercise gradeOne(Inventory.ExerciseSpec spec, Intake.ExerciseFiles files, Path dir, Path reportDir,
                              int wallSeconds) throws IOException {
        TrustedBuild.ExerciseBuild tests = build.exercise(spec.id());
        Path classes = dir.resolve("classes");
        List<Path> sources = javaFiles(files.sources());
        JavaCompile.Result main = JavaCompile.compile(sources, new java.util.HashSet<>(files.learnerFiles()), List.of(),
                classes, build.release());
        if (!main.ok()) {
            return ReportMatcher.unscored(spec, Outcome.DID_NOT_COMPILE, "did not compile: " + main.errors().get(0)
                    + more(main.errors()), true, List.of());
        }
        ClassCheck.Findings findings = ClassCheck.check(classes, main.learnerClasses(), spec.packages());
        if (!findings.refused().isEmpty()) {
            Exercise refused = ReportMatcher.unscored(spec, Outcome.REFUSED, "refused, scores 0: "
                    + findings.refused().get(0) + more(findings.refused()), true, List.of());
            List<String> flags = new ArrayList<>(findings.refused());
            flags.addAll(findings.flagged());
            return refused.with(flags, List.of());
        }
        Path testClasses = dir.resolve("test-classes");
        List<Path> testClasspath = new ArrayList<>();
        testClasspath.add(classes);
        testClasspath.addAll(tests.testClasspath());
        JavaCompile.Result testCompile = JavaCompile.compile(javaFiles(tests.testSources()), java.util.Set.of(),
                testClasspath, testClasses, build.release());
        if (!testCompile.ok()) {
            return ReportMatcher.unscored(spec, Outcome.DID_NOT_COMPILE, "the tests did not compile against your code"
                    + " (did a public name or signature change?): " + testCompile.errors().get(0)
                    + more(testCompile.errors()), true, List.of()).with(findings.flagged(), List.of());
        }
        copyResources(tests.testResources(), testClasses);

        TestRun.Outcome run;
        List<String> tampered;
        TestRun.TimeLimit limit = timeLimit(Instant.now(), deadline, wallSeconds);
        if (sandbox.kind() == Sandbox.Kind.BUBBLEWRAP) {
            run = runTests(spec, dir, classes, testClasses, tests, reportDir, limit);
            tampered = List.of();
        } else {
            // Without bubblewrap the grader's files are only checked after each run: one test JVM at a time, so a
            // change is always blamed on the learner whose code made it.
            synchronized (unguardedRuns) {
                run = runTests(spec, dir, classes, testClasses, tests, reportDir, limit);
                tampered = build.verifyAndRestore();
            }
        }
        List<String> flags = new ArrayList<>(findings.flagged());
        if (run.forged() > 0) {
            flags.add("printed " + run.forged() + " line(s) imitating the grader's test runner (ignored)");
        }
        List<String> explained = RunLog.explain(run, settings.limits());
        if (!tampered.isEmpty()) {
            flags.add("changed the grader's own files while its tests ran (" + String.join(", ",
                    tampered.subList(0, Math.min(3, tampered.size()))) + "): put back, and this exercise scores 0");
            return ReportMatcher.unscored(spec, Outcome.REFUSED, "refused, scores 0: its code changed the grader's own"
                    + " files while the tests ran", true, List.of()).with(flags, explained);
        }
        String explanation = explained.isEmpty() ? "" : " (" + String.join("; ", explained) + ")";
        return switch (run.ending()) {
            case FINISHED -> ReportMatcher.matched(spec, run.results(), null).with(flags, explained);
            case ENDED_EARLY -> ReportMatcher.unscored(spec, Outcome.JVM_ENDED_EARLY, "the test JVM ended early"
                    + (explained.isEmpty() ? " (System.exit or a crash)" : explanation)
                    + ": no test of this exercise has a trustworthy result", true, List.of()).with(flags, explained);
            case TIMED_OUT -> timedOut(spec, run.results(), timedOutReason(run, limit) + explanation)
                    .with(flags, explained);
        };
    }

    /**
     * A test JVM killed at its time limit: the tests that finished before keep their results (each signed by
     * the runner with this run's secret, so learner code cannot have made them up); the others fail as timed out.
     */
    static Exercise timedOut(Inventory.ExerciseSpec spec, List<TestRun.Result> results, String reason) {
        Exercise m = ReportMatcher.matched(spec, results, reason);
        List<Report.Test> tests = m.tests().stream().map(t -> t.status() != Report.Status.NOT_RUN ? t
                : new Report.Test(t.className(), t.method(), t.name(), 0, t.maxPoints(), Report.Status.NOT_RUN, reason,
                        null, 0)).toList();
        return new Exercise(m.id(), m.title(), m.module(), m.points(), m.maxPoints(), m.passed(), m.failed(),
                m.skipped(), m.total(), Outcome.TIMED_OUT, reason, true, List.of(), List.of(), List.of(), tests);
    }

    private TestRun.Outcome runTests(Inventory.ExerciseSpec spec, Path dir, Path classes, Path testClasses,
                                     TrustedBuild.ExerciseBuild tests, Path reportDir, TestRun.TimeLimit limit)
            throws IOException {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Runtime.version().feature() < build.release()) {
            throw new IOException("the tests need Java " + build.release() + "+; the grader runs on Java "
                    + Runtime.version().feature() + " (run it with a JDK " + build.release() + "+)");
        }
        boolean bwrap = sandbox.kind() == Sandbox.Kind.BUBBLEWRAP;
        Path run = dir.resolve("run");
        String tmp = bwrap ? "/tmp" : run.toString();
        List<String> classpath = new ArrayList<>();
        classpath.add(build.runnerDir().toString());
        classpath.add(testClasses.toString());
        tests.testClasspath().forEach(p -> classpath.add(p.toString()));
        build.runnerLibs().forEach(p -> classpath.add(p.toString()));
        classpath.add(classes.toString());
        Sandbox.Limits limits = settings.limits();
        // C1 only (-XX:TieredStopAtLevel=1): a test JVM lives seconds, and the optimising compiler would cost more CPU
        // than it gives back (measured: eight solved exercises graded with 23 % less CPU, all points kept).
        List<String> command = new ArrayList<>(List.of(javaBin.toString(), "-Xmx" + limits.heapMegabytes() + "m",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+DisableAttachMechanism", "-XX:-UsePerfData",
                "-Djava.io.tmpdir=" + tmp, "-Duser.home=" + tmp, "-Dfile.encoding=UTF-8",
                "-Dkit.timeScale=" + settings.timeScale(),
                "-Dasynckit.ownPidNamespace=" + (sandbox.kind() != Sandbox.Kind.NONE),
                "-cp", String.join(java.io.File.pathSeparator, classpath),
                "asynckit.grader.runner.TestRunner", testClasses.toString()));
        if (settings.testTimeout() != null && !settings.testTimeout().isBlank()) {
            command.add("junit.jupiter.execution.timeout.default=" + settings.testTimeout());
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("HOME", tmp);
        env.put("TMPDIR", tmp);
        String tz = System.getenv("TZ");
        if (tz != null) {
            env.put("TZ", tz);
        }
        List<Path> readOnly = new ArrayList<>();
        readOnly.add(Path.of(System.getProperty("java.home")).toRealPath());
        readOnly.addAll(build.visibleTo(tests));
        readOnly.add(dir);
        Files.createDirectories(run);
        return TestRun.run(sandbox, limits, command, readOnly, run, env, limit,
                reportDir.resolve("test-output").resolve(spec.id() + ".log"));
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java") && Files.isRegularFile(f)).sorted().toList();
        }
    }

    private static void copyResources(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".class")).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static String more(List<String> errors) {
        return errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
    }

    /** Deletes the grader's own files (when it made the folder). */
    @Override
    public void close() throws IOException {
        if (ownsWork) {
            FileTrees.deleteTree(work);
        }
    }
}
