package asynckit.testkit;

import asynckit.testkit.internal.Stacks;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Tells, within tens of milliseconds, that a {@link WatchedLoop} is stuck in one task: waiting for a
 * future (a {@code join} or {@code get} on the loop, which deadlocks when the completion it waits for
 * is queued behind it on the same thread), blocked some other way (sleeping, a lock), spinning, or kept
 * busy by a stream of tiny tasks. A test that waits for the code under test calls {@link #check()} in
 * its wait loop, so a deadlock fails the test at once, with the loop thread's stack, instead of hanging
 * until a timeout.
 *
 * <pre>{@code
 * StuckLoop stuck = StuckLoop.watch(loop);
 * while (!done()) {
 *     stuck.check().ifPresent(v -> { throw JOIN_ON_THE_LOOP.report().saw(v.describe()).failure(); });
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
