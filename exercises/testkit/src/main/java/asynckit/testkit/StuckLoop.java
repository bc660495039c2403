package asynckit.testkit;

import asynckit.testkit.internal.Stacks;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadPoolExecutor;
import org.opentest4j.AssertionFailedError;

/**
 * Tells, within tens of milliseconds, that a {@link WatchedLoop} is stuck in one task: waiting for a
 * future (a {@code join} or {@code get} on the loop, which deadlocks when the completion it waits for
 * is queued behind it on the same thread), blocked some other way (sleeping, a lock), spinning, or kept
 * busy by a stream of tiny tasks. An exercise declares once what a stuck loop means ({@link Meaning},
 * {@link WatchedLoop#whenStuck}); then its waits on the loop ({@link Settle#within(java.util.concurrent.CompletionStage,
 * Duration, WatchedLoop)}) fail the test at once, with the loop thread's stack, instead of hanging until a
 * timeout. A test with a wait loop of its own calls {@link #failIfStuck()} in it:
 *
 * <pre>{@code
 * WatchedLoop loop = WatchedLoop.start("loop").whenStuck(StuckLoop.meaning()
 *         .when(StuckLoop.Kind.WAITS_FOR_A_FUTURE, JOIN_ON_THE_LOOP, "Code on the loop composes; only the edge joins."));
 * String value = Settle.within(result, BOUND, loop).value();          // or, in a wait loop of the test's own:
 * StuckLoop stuck = StuckLoop.watch(loop);
 * while (!done()) {
 *     stuck.failIfStuck();
 *     LockSupport.parkNanos(1_000_000);
 * }
 * }</pre>
 *
 * <p>Thresholds: a task waiting on a future for 20 ms (right code never waits on the loop at all), blocked
 * otherwise in a waiting call (a sleep, a latch, a park) for 100 ms or anywhere else in the JDK (a lock, class
 * loading on a busy machine) for 2 s, or RUNNABLE for 250 ms having used 200 ms of CPU (so a task that is merely
 * slow on a loaded machine, or loading classes, is never called a spin), all scaled by
 * {@link TimeScale}; more than {@link #taskBudget} tasks since {@link #watch} is a busy loop.
 */
public final class StuckLoop {

    /** How the loop is stuck. */
    public enum Kind {
        /** A task is waiting for a future: join, get (timed or not). */
        WAITS_FOR_A_FUTURE,
        /** A task is blocked some other way: sleep, a lock, a latch. */
        BLOCKED,
        /** A task has been running (RUNNABLE) for a long time: a spin or heavy work. */
        SPINNING,
        /** The loop ran far more tasks than the work needs: something keeps re-queuing itself. */
        BUSY
    }

    /** What the detector saw. */
    public record Verdict(Kind kind, Thread.State state, long millis, StackTraceElement[] stack, int queued,
                          long tasksRun, String loopName) {

        /** Waiting for a future, blocked or spinning inside one task (not {@link Kind#BUSY}). */
        public boolean inOneTask() {
            return kind != Kind.BUSY;
        }

        /** The line of the code under test where the loop thread is stuck, or null. */
        public StackTraceElement culprit() {
            return stack.length == 0 ? null : Stacks.culprit(stack);
        }

        /** Sentences for a failure message: what the loop thread is doing, and why nothing else can run. */
        public String describe() {
            String queue = queued == 0 ? "" : "\n" + queued + " task" + (queued == 1 ? " is" : "s are")
                    + " queued behind it on the same thread, among them the completions it is waiting for: they can"
                    + " only run when this task returns, and it returns only when they have run. That is a deadlock.";
            return switch (kind) {
                case WAITS_FOR_A_FUTURE -> "The loop thread '" + loopName + "' has been " + state + " for " + millis
                        + " ms inside one task, waiting for a future" + at() + "." + queue;
                case BLOCKED -> "The loop thread '" + loopName + "' has been " + state + " for " + millis
                        + " ms inside one task" + at() + "." + (queued == 0 ? "" : "\n" + queued
                        + " task" + (queued == 1 ? " waits" : "s wait") + " behind it on the same thread.");
                case SPINNING -> "The loop thread '" + loopName + "' has been busy (RUNNABLE) for " + millis
                        + " ms inside one task" + at() + ": a loop that checks again and again instead of"
                        + " letting a callback run when the value is there." + (queued == 0 ? "" : "\n" + queued
                        + " task" + (queued == 1 ? " waits" : "s wait") + " behind it; the value it waits for is"
                        + " delivered by one of them, so it can spin forever.");
                case BUSY -> "The loop thread '" + loopName + "' ran " + tasksRun + " tasks in " + millis
                        + " ms; the work needs a handful. Something keeps putting tiny tasks on the loop (a task"
                        + " that re-queues itself to check whether a future is done), which keeps the loop"
                        + " busy doing nothing.";
            };
        }

        private String at() {
            StackTraceElement c = culprit();
            return c == null ? "" : " at " + c;
        }

        /**
         * The failure report of {@code mistake} for this verdict: what the loop thread is doing, then the lesson's
         * own sentences ({@code why}, each a paragraph), then, when it is stuck in one task, where.
         */
        public Teach.Report report(Mistake mistake, String... why) {
            Teach.Report report = mistake.report().saw(describe());
            for (String sentence : why) {
                report.saw(sentence);
            }
            if (inOneTask()) {
                report.detail("Where the loop thread is:\n" + stackExcerpt());
            }
            return report;
        }

        /** The loop thread's stack, trimmed to the JDK call and the learner's frames. */
        public String stackExcerpt() {
            return stack.length == 0 ? "    (no stack: many short tasks)"
                    : Stacks.excerpt(stack);
        }
    }

    /**
     * What a stuck loop means in one exercise: the mistake each kind of {@link Verdict} names, with the lesson's
     * sentences for it. A loop declares it once ({@link WatchedLoop#whenStuck}); then every wait on that loop
     * ({@link Settle#within(java.util.concurrent.CompletionStage, Duration, WatchedLoop)}, {@link #failIfStuck()},
     * the watchdog's own waits) fails as soon as the loop is stuck in a declared way, with the verdict's report.
     * A kind left undeclared never stops a wait: the exercise judges it later, with its own checks (02 names a
     * sleep on the loop from what it delayed, not from the first 100 ms of it).
     *
     * <pre>{@code
     * static final StuckLoop.Meaning STUCK = StuckLoop.meaning()
     *         .when(StuckLoop.Kind.WAITS_FOR_A_FUTURE, JOIN_ON_THE_LOOP, "Code on the loop composes; only the edge joins.")
     *         .when(StuckLoop.Kind.BLOCKED, BLOCKED_THE_LOOP);
     * }</pre>
     */
    public static final class Meaning {
        private record Blame(Mistake mistake, List<String> why) {
        }

        private final Map<Kind, Blame> blames;
        private final Timeline timeline;

        private Meaning(Map<Kind, Blame> blames, Timeline timeline) {
            this.blames = blames;
            this.timeline = timeline;
        }

        /** The same meaning, with a stuck loop of {@code kind} named {@code mistake}, {@code why} after what was seen. */
        public Meaning when(Kind kind, Mistake mistake, String... why) {
            Map<Kind, Blame> more = new EnumMap<>(Kind.class);
            more.putAll(blames);
            more.put(kind, new Blame(mistake, List.of(why)));
            return new Meaning(more, timeline);
        }

        /** As {@link #when}, for every way of being stuck inside one task (waiting for a future, blocked, spinning). */
        public Meaning whenInOneTask(Mistake mistake, String... why) {
            return when(Kind.WAITS_FOR_A_FUTURE, mistake, why).when(Kind.BLOCKED, mistake, why)
                    .when(Kind.SPINNING, mistake, why);
        }

        /** The same meaning, its failures drawing {@code timeline} (what the test's services saw meanwhile). */
        public Meaning drawing(Timeline timeline) {
            return new Meaning(blames, timeline);
        }

        /** Whether a verdict of {@code kind} names a mistake here (and so stops a wait). */
        public boolean judges(Kind kind) {
            return blames.containsKey(kind);
        }

        /** The failure for {@code verdict}, whose kind this meaning {@link #judges}. */
        public AssertionFailedError failure(Verdict verdict) {
            Blame blame = blames.get(verdict.kind());
            if (blame == null) {
                throw new IllegalArgumentException("no mistake is declared for a loop that is " + verdict.kind());
            }
            Teach.Report report = verdict.report(blame.mistake(), blame.why().toArray(String[]::new));
            return (timeline == null ? report : report.timeline(timeline)).failure();
        }
    }

    /** A meaning that judges nothing yet: add each kind with {@link Meaning#when}. */
    public static Meaning meaning() {
        return new Meaning(new EnumMap<>(Kind.class), null);
    }

    private static final Duration WAIT_LIMIT = TimeScale.millis(20);
    private static final Duration BLOCK_LIMIT = TimeScale.millis(100);
    private static final Duration JDK_BLOCK_LIMIT = TimeScale.millis(2_000);
    private static final Duration SPIN_LIMIT = TimeScale.millis(250);
    private static final Duration SPIN_CPU = TimeScale.millis(200);
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private final WatchedLoop loop;
    private final ThreadPoolExecutor executor;
    private final long taskBudget;
    private final long startNanos = System.nanoTime();
    private final long startTasks;
    private long lastCompleted = -1;
    private long taskSeenSince;
    private long taskCpuSince;

    private StuckLoop(WatchedLoop loop, long taskBudget) {
        this.loop = loop;
        this.executor = (ThreadPoolExecutor) loop.executor();
        this.taskBudget = taskBudget;
        this.startTasks = executor.getCompletedTaskCount();
    }

    /** Starts watching {@code loop}, allowing it 200 tasks in all from now on. */
    public static StuckLoop watch(WatchedLoop loop) {
        return new StuckLoop(loop, 200);
    }

    /** Starts watching {@code loop}, allowing it {@code taskBudget} tasks in all from now on. */
    public static StuckLoop watch(WatchedLoop loop, long taskBudget) {
        return new StuckLoop(loop, taskBudget);
    }

    /**
     * One look at the loop, as {@link #check()}; fails with the loop's declared {@link Meaning} when it is stuck
     * in a way that meaning names. Call it every millisecond or so while waiting.
     *
     * @throws IllegalStateException when the loop has declared no meaning ({@link WatchedLoop#whenStuck})
     */
    public void failIfStuck() {
        Meaning meaning = loop.stuckMeaning();
        if (meaning == null) {
            throw new IllegalStateException("the loop '" + name(loop.thread()) + "' has not declared what a stuck"
                    + " loop means (WatchedLoop.whenStuck)");
        }
        Optional<Verdict> verdict = check();
        if (verdict.isPresent() && meaning.judges(verdict.get().kind())) {
            throw meaning.failure(verdict.get());
        }
    }

    /** How many tasks the loop has finished since {@link #watch}. */
    public long tasksRun() {
        return executor.getCompletedTaskCount() - startTasks;
    }

    /** True when the loop is between tasks and has nothing ready to run. */
    public boolean idle() {
        return executor.getActiveCount() == 0 && readyTasks() == 0;
    }

    private int readyTasks() {
        return (int) executor.getQueue().stream()
                .filter(r -> !(r instanceof java.util.concurrent.Delayed d) || d.getDelay(java.util.concurrent.TimeUnit.NANOSECONDS) <= 0)
                .count();
    }

    /**
     * One look at the loop: a verdict when it has been stuck in one task long enough, or has run more tasks
     * than its budget; empty otherwise. Call it every millisecond or so while waiting.
     */
    public Optional<Verdict> check() {
        long now = System.nanoTime();
        long completed = executor.getCompletedTaskCount();
        Thread thread = loop.thread();
        if (completed - startTasks > taskBudget) {
            return Optional.of(new Verdict(Kind.BUSY, thread == null ? Thread.State.NEW : thread.getState(),
                    (now - startNanos) / 1_000_000, new StackTraceElement[0], readyTasks(), completed - startTasks,
                    name(thread)));
        }
        boolean inTask = executor.getActiveCount() > 0;
        if (!inTask || completed != lastCompleted || thread == null) {
            lastCompleted = completed;
            taskSeenSince = now;
            taskCpuSince = cpu(thread);
            return Optional.empty();
        }
        long millis = (now - taskSeenSince) / 1_000_000;
        Thread.State state = thread.getState();
        if (state == Thread.State.RUNNABLE) {
            boolean usedTheCpu = !THREADS.isThreadCpuTimeSupported() || cpu(thread) - taskCpuSince >= SPIN_CPU.toNanos();
            if (millis < SPIN_LIMIT.toMillis() || !usedTheCpu) {
                return Optional.empty();
            }
            return Optional.of(verdict(Kind.SPINNING, state, millis, thread));
        }
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING && state != Thread.State.BLOCKED) {
            return Optional.empty();
        }
        if (millis < WAIT_LIMIT.toMillis()) {
            return Optional.empty();
        }
        StackTraceElement[] stack = thread.getStackTrace();
        if (ThreadWatch.waitsForAFuture(stack)) {
            return Optional.of(new Verdict(Kind.WAITS_FOR_A_FUTURE, state, millis, stack, readyTasks(),
                    completed - startTasks, name(thread)));
        }
        // A waiting call of the JDK (sleep, a latch, a park) held for 100 ms is the code's doing; class loading
        // (a loader's lock, contended on a busy machine) never is; anything else in the JDK gets 2 s.
        if (Stacks.loadingClasses(stack)) {
            return Optional.empty();
        }
        Duration limit = Stacks.waiting(stack) == Stacks.Waiting.NONE ? JDK_BLOCK_LIMIT : BLOCK_LIMIT;
        if (millis < limit.toMillis()) {
            return Optional.empty();
        }
        return Optional.of(new Verdict(Kind.BLOCKED, state, millis, stack, readyTasks(), completed - startTasks,
                name(thread)));
    }

    private Verdict verdict(Kind kind, Thread.State state, long millis, Thread thread) {
        return new Verdict(kind, state, millis, thread.getStackTrace(), readyTasks(), tasksRun(), name(thread));
    }

    private static long cpu(Thread thread) {
        return thread == null || !THREADS.isThreadCpuTimeSupported() ? 0 : THREADS.getThreadCpuTime(thread.threadId());
    }

    private static String name(Thread thread) {
        return thread == null ? "loop" : thread.getName();
    }
}
