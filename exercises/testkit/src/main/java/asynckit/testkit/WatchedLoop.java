package asynckit.testkit;

import asynckit.testkit.internal.Stacks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A single-threaded event loop (a {@link ScheduledExecutorService} with one thread) watched by a
 * sampling watchdog. It catches what a static rule cannot: blocking that happens <em>on the loop
 * thread</em>, whichever code did it.
 *
 * <p>Every millisecond the watchdog looks at the loop thread. While a task is running, a thread state of
 * WAITING, TIMED_WAITING or BLOCKED means the task is blocking the loop (sleeping, joining, waiting on
 * a lock); a task still RUNNABLE after {@link #hogThreshold()} is hogging it when it has also used a tenth
 * of that in CPU time (spinning, heavy CPU work) or was seen inside a native method (blocking I/O, which
 * Java reports as RUNNABLE). A short task that a loaded machine preempted for as long uses almost no CPU:
 * that is the machine, not the task, and is not reported. Between tasks, the loop thread waits for work,
 * which is fine and not reported.
 */
public final class WatchedLoop implements AutoCloseable {

    /** What the watchdog saw. */
    public enum Kind { BLOCKED, HOGGED }

    /** One stretch of time the loop thread was not free to run other tasks. */
    public record Episode(Kind kind, Thread.State state, long millis, StackTraceElement[] stack) {
        public String describe() {
            StackTraceElement culprit = Stacks.culprit(stack);
            String where = culprit == null ? "" : " at " + culprit;
            return switch (kind) {
                case BLOCKED -> "the loop thread was " + state + " for about " + millis + " ms inside a task" + where;
                case HOGGED -> "one task kept the loop thread busy (RUNNABLE) for about " + millis + " ms" + where;
            };
        }
    }

    private static final long SAMPLE_NANOS = 1_000_000;
    private final Duration blockThreshold = TimeScale.millis(20);
    private final Duration hogThreshold = TimeScale.millis(100);
    /** CPU a task must also have used to count as a hog: a right task uses well under a millisecond. */
    private final long hogCpuNanos = hogThreshold.toNanos() / 10;
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = THREADS.isThreadCpuTimeSupported();

    private final Executor executor;
    private final Thread sampler;
    private final List<Episode> episodes = new ArrayList<>();
    private final Timeline busy = Timeline.ofTasks();
    private volatile Thread loopThread;
    private volatile boolean running = true;
    /** What a stuck loop means in the exercise, once declared ({@link #whenStuck}); null before. */
    private volatile StuckLoop.Meaning stuckMeaning;
    /** Threads whose hand-overs the loop runs before the hand-over returns (null: none). */
    private volatile java.util.function.Predicate<Thread> eagerFrom;

    // Written by the loop thread, read by the sampler and the test.
    private volatile long taskSeq;
    private volatile long taskStart;
    /** The loop thread's CPU time when the running task started (-1 where the JVM cannot measure it). */
    private volatile long taskCpuStart = -1;
    private volatile boolean inTask;
    private volatile long finishedSeq;

    /** Samples (about a millisecond each) in which a task had the loop thread parked: short naps add up here. */
    private volatile long blockedSamples;
    private final List<long[]> scheduled = new ArrayList<>();

    // Written by the sampler, read by the loop thread and the test.
    /** The blocked stretch the sampler is watching right now, if any (published every sample). */
    private volatile Episode openEpisode;
    /** The last task the sampler saw blocked; such a task is not also reported as a hog. */
    private volatile long blockedSeq = -1;
    /** Where the loop thread was, sampled once midway through a long task (the task {@link #hogStackSeq}). */
    private volatile StackTraceElement[] hogStack;
    private volatile long hogStackSeq = -1;

    private WatchedLoop(String name) {
        this.executor = new Executor(name);
        this.executor.prestartCoreThread();
        this.sampler = new Thread(this::sample, name + "-watchdog");
        this.sampler.setDaemon(true);
        this.sampler.start();
    }

    /** Starts a loop whose thread is named {@code name}. Close it when the test ends. */
    public static WatchedLoop start(String name) {
        return new WatchedLoop(name);
    }

    /**
     * Declares what a stuck loop means here: from now on every wait on this loop ({@link Settle#within(
     * java.util.concurrent.CompletionStage, Duration, WatchedLoop)}, {@link StuckLoop#failIfStuck()}, and this
     * watchdog's own wait for a running task to end) fails as soon as the loop is stuck in a way {@code meaning}
     * names, with the loop thread's stack, instead of waiting out its bound.
     */
    public WatchedLoop whenStuck(StuckLoop.Meaning meaning) {
        this.stuckMeaning = java.util.Objects.requireNonNull(meaning, "meaning");
        return this;
    }

    /** What a stuck loop means here, or null when nothing was declared. */
    StuckLoop.Meaning stuckMeaning() {
        return stuckMeaning;
    }

    /** The loop, to hand to the code under test. */
    public ScheduledExecutorService executor() {
        return executor;
    }

    public Thread thread() {
        return loopThread;
    }

    public boolean isLoopThread(Thread thread) {
        return thread == loopThread;
    }

    /**
     * From now on, a task that a thread accepted by {@code from} hands to the loop ({@code execute}, which is what
     * {@code runAsync(..., loop)}, {@code thenComposeAsync(..., loop)} and the like call) has run on the loop before
     * the hand-over returns: the caller waits until the loop has run it (up to a bound, so a stuck loop only
     * delays it). This is the fastest loop there can be, and a schedule any real loop may produce; code whose
     * next step depends on the loop being slower than the thread that handed the work over (a plain
     * {@code thenCompose} after a hop to the loop, which then runs on the caller) shows it every time, not by luck.
     * The loop thread's own hand-overs are queued as usual.
     */
    public WatchedLoop runHandOversAtOnce(java.util.function.Predicate<Thread> from) {
        this.eagerFrom = from;
        return this;
    }

    /** Every task that held the loop thread for 2 ms or more, drawn as lanes (quick tasks are left out). */
    public Timeline busyTimeline() {
        return busy;
    }

    public Duration hogThreshold() {
        return hogThreshold;
    }

    public List<Episode> episodes() {
        settle();
        List<Episode> all;
        synchronized (episodes) {
            all = new ArrayList<>(episodes);
        }
        Episode open = openEpisode;
        if (open != null && open.millis() >= blockThreshold.toMillis()) {
            all.add(open);
        } else if (inTask && System.nanoTime() - taskStart > hogThreshold.toNanos()) {
            Thread loop = loopThread;
            StackTraceElement[] stack = loop.getStackTrace();
            if (usedCpu(taskCpuStart, loopCpuNow()) || inNative(stack)) {
                all.add(new Episode(Kind.HOGGED, loop.getState(), (System.nanoTime() - taskStart) / 1_000_000,
                        stack));
            }
        }
        return List.copyOf(all);
    }

    /** How many tasks the loop thread has run (started) so far. */
    public long tasksRun() {
        return taskSeq;
    }

    /** CPU time the loop thread has used so far (zero where the JVM cannot measure it). */
    public Duration cpuTime() {
        long nanos = loopCpuNow();
        return nanos < 0 ? Duration.ZERO : Duration.ofNanos(nanos);
    }

    private long loopCpuNow() {
        Thread loop = loopThread;
        return loop == null || !CPU_TIME ? -1 : THREADS.getThreadCpuTime(loop.threadId());
    }

    /** The calling thread's CPU time (-1 where the JVM cannot measure it); the loop thread calls it on itself. */
    private static long ownCpuNow() {
        return CPU_TIME ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    /** Whether the thread was in a native method: blocking I/O, RUNNABLE to Java while the OS holds it. */
    private static boolean inNative(StackTraceElement[] stack) {
        return stack != null && stack.length > 0 && stack[0].isNativeMethod();
    }

    /** Whether a task that started at {@code start} CPU nanoseconds used a hog's CPU by {@code now} (or unknown). */
    private boolean usedCpu(long start, long now) {
        return start < 0 || now < 0 || now - start >= hogCpuNanos;
    }

    /** About how long tasks kept the loop thread parked (sleeping, waiting), all stretches added up. */
    public Duration blockedTime() {
        return Duration.ofNanos(blockedSamples * SAMPLE_NANOS);
    }

    /** When each delayed task was handed to the loop ({@code schedule...}), as {nanoTime, delay in nanos}. */
    public List<long[]> scheduled() {
        synchronized (scheduled) {
            return List.copyOf(scheduled);
        }
    }

    /**
     * Deterministic evidence that nothing on this loop can run before {@code deadlineNanos} (a
     * {@link System#nanoTime()}): no task is running, and every task waiting on the loop is a timer due
     * after the deadline. Then a description of those timers (e.g. {@code the loop's only timer is due in
     * 200000 s}), otherwise null. An empty loop is no evidence: the work may be held elsewhere (a timer of
     * the JDK's that hands it to the loop when due).
     */
    public String dueOnlyAfter(long deadlineNanos) {
        if (inTask) {
            return null;
        }
        long left = deadlineNanos - System.nanoTime();
        List<Long> due = new ArrayList<>();
        for (Runnable queued : executor.getQueue()) {
            long delay = queued instanceof java.util.concurrent.Delayed d ? d.getDelay(TimeUnit.NANOSECONDS) : 0;
            if (delay <= left) {
                return null;
            }
            due.add(delay);
        }
        if (due.isEmpty() || inTask) {
            return null;
        }
        due.sort(null);
        return (due.size() == 1 ? "the loop's only timer is due in " : "the loop's " + due.size() + " timers are due in ")
                + due.stream().limit(3).map(WatchedLoop::readable).reduce((a, b) -> a + ", " + b).orElse("")
                + (due.size() > 3 ? ", ..." : "") + ", after the test stops waiting";
    }

    private static String readable(long nanos) {
        long millis = nanos / 1_000_000;
        return millis >= 10_000 ? millis / 1_000 + " s" : millis + " ms";
    }

    /**
     * Judges the loop's totals, not one task at a time: a loop kept busy by thousands of tiny tasks that
     * resubmit themselves, by polling on a short period, or by many short naps passes the per-task watchdog
     * but not this. Right code runs a handful of tasks per unit of work and almost no CPU while it waits.
     *
     * @param busy     the mistake for too many tasks or too much CPU
     * @param blocked  the mistake for naps that add up
     * @param units    how many units of work (e.g. alarms) the test asked for
     * @param maxTasks the most tasks right code needs for them, with room to spare
     * @param maxCpu   the most loop CPU time right code needs for them, with room to spare
     * @param sinceTasks  {@link #tasksRun()} when the work started
     * @param sinceCpu    {@link #cpuTime()} when the work started
     */
    public void assertFrugal(Mistake busy, Mistake blocked, String units, long maxTasks, Duration maxCpu,
                             long sinceTasks, Duration sinceCpu) {
        settle();
        long tasks = tasksRun() - sinceTasks;
        Duration cpu = cpuTime().minus(sinceCpu);
        Duration parked = blockedTime();
        if (parked.compareTo(blockThreshold) >= 0) {
            throw blocked.report()
                    .saw("For " + units + ", tasks on the loop thread '" + loopThread.getName() + "' were parked"
                            + " (sleeping or waiting) for about " + parked.toMillis() + " ms in all, in stretches too"
                            + " short to notice one by one. Many short naps add up to the same blocked loop.")
                    .failure();
        }
        if (tasks > maxTasks || cpu.compareTo(maxCpu) > 0) {
            throw busy.report()
                    .saw("For " + units + ", the loop thread '" + loopThread.getName() + "' ran " + tasks + " tasks and"
                            + " used " + cpu.toMillis() + " ms of CPU. Right code needs at most " + maxTasks
                            + " tasks and " + maxCpu.toMillis() + " ms here: work runs when it falls due, and"
                            + " nothing runs while it waits.\nEach of your tasks was short, so no single one looked"
                            + " like blocking; together they kept the loop busy checking the clock (a task that"
                            + " resubmits itself, or a short fixed-rate poll).")
                    .failure();
        }
    }

    /** Fails with {@code mistake} if the loop thread was ever blocked or hogged inside a task. */
    public void assertNeverBlocked(Mistake mistake, Timeline timeline) {
        List<Episode> seen = episodes();
        if (seen.isEmpty()) {
            return;
        }
        Episode first = seen.get(0);
        StringBuilder all = new StringBuilder();
        for (Episode e : seen.subList(0, Math.min(3, seen.size()))) {
            all.append("- ").append(e.describe()).append('\n');
        }
        if (seen.size() > 3) {
            all.append("- ... and ").append(seen.size() - 3).append(" more\n");
        }
        Teach.Report report = mistake.report()
                .saw("The watchdog saw the loop thread '" + loopThread.getName() + "' unable to run other work:\n"
                        + all.toString().stripTrailing()
                        + "\nWhile it is stuck, no other timer or callback on this loop can run.")
                .detail("Where the loop thread was:\n" + Stacks.excerpt(first.stack()));
        report.detail("What the loop thread was busy with (tasks of 2 ms or more):");
        report.timeline(busy);
        if (timeline != null) {
            report.timeline(timeline);
        }
        throw report.failure();
    }

    /**
     * Lets the task that is running finish (up to a bound), then lets the watchdog take a few more
     * samples, so that a stretch that has just ended is counted. A future completed inside a task can
     * wake the test before the task has returned. A task stuck in a way the loop's {@link #whenStuck meaning}
     * names will not end: that fails at once.
     */
    private void settle() {
        long deadline = System.nanoTime() + TimeScale.millis(2_000).toNanos();
        // Only the running task is judged here: a budget of tasks belongs to a whole wait, not to this one.
        StuckLoop stuck = stuckMeaning == null ? null : StuckLoop.watch(this, Long.MAX_VALUE);
        while (finishedSeq != taskSeq && System.nanoTime() < deadline) {
            if (stuck != null) {
                stuck.failIfStuck();
            }
            LockSupport.parkNanos(SAMPLE_NANOS);
        }
        LockSupport.parkNanos(5 * SAMPLE_NANOS);
    }

    private void sample() {
        long openSeq = -1;
        long openSince = 0;
        Thread.State openState = null;
        StackTraceElement[] openStack = null;
        while (running) {
            LockSupport.parkNanos(SAMPLE_NANOS);
            Thread loop = loopThread;
            if (loop == null) {
                continue;
            }
            long seq = taskSeq;
            boolean busy = inTask;
            Thread.State state = loop.getState();
            long now = System.nanoTime();
            boolean sameTask = busy && inTask && taskSeq == seq;
            boolean blocked = sameTask && (state == Thread.State.WAITING
                    || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED);
            if (blocked) {
                blockedSamples++;
            }
            if (blocked && openStack != null && openSeq == seq) {
                openEpisode = episode(openState, openSince, now, openStack);
                continue;
            }
            closeOpenEpisode();
            openStack = null;
            if (blocked) {
                StackTraceElement[] stack = loop.getStackTrace();
                // Held by class loading (a loader's lock on a busy machine) is the JVM's doing, not the task's.
                if (inTask && taskSeq == seq && !Stacks.loadingClasses(stack)) {
                    openSeq = seq;
                    openSince = now;
                    openState = state;
                    openStack = stack;
                    blockedSeq = seq;
                }
            } else if (sameTask && state == Thread.State.RUNNABLE && hogStackSeq != seq
                    && now - taskStart > hogThreshold.toNanos() / 2) {
                hogStack = loop.getStackTrace();
                hogStackSeq = seq;
            }
        }
    }

    private Episode episode(Thread.State state, long since, long now, StackTraceElement[] stack) {
        return new Episode(Kind.BLOCKED, state, (now - since + SAMPLE_NANOS) / 1_000_000, stack);
    }

    private void closeOpenEpisode() {
        Episode open = openEpisode;
        openEpisode = null;
        if (open != null && open.millis() >= blockThreshold.toMillis()) {
            record(open);
        }
    }

    private void record(Episode episode) {
        synchronized (episodes) {
            episodes.add(episode);
        }
    }

    private final class Executor extends ScheduledThreadPoolExecutor {
        Executor(String name) {
            super(1, r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                loopThread = t;
                return t;
            });
        }

        @Override
        public java.util.concurrent.ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            noteScheduled(delay, unit);
            return super.schedule(command, delay, unit);
        }

        @Override
        public <V> java.util.concurrent.ScheduledFuture<V> schedule(java.util.concurrent.Callable<V> callable,
                                                                   long delay, TimeUnit unit) {
            noteScheduled(delay, unit);
            return super.schedule(callable, delay, unit);
        }

        private void noteScheduled(long delay, TimeUnit unit) {
            synchronized (scheduled) {
                scheduled.add(new long[] {System.nanoTime(), unit.toNanos(delay)});
            }
        }

        @Override
        public void execute(Runnable command) {
            java.util.function.Predicate<Thread> eager = eagerFrom;
            Thread caller = Thread.currentThread();
            if (eager == null || caller == loopThread || !eager.test(caller)) {
                super.execute(command);
                return;
            }
            java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
            super.execute(() -> {
                try {
                    command.run();
                } finally {
                    ran.countDown();
                }
            });
            try {
                ran.await(TimeScale.millis(2_000).toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                caller.interrupt();
            }
        }

        @Override
        protected void beforeExecute(Thread t, Runnable r) {
            taskCpuStart = ownCpuNow();
            taskStart = System.nanoTime();
            taskSeq++;
            inTask = true;
        }

        @Override
        protected void afterExecute(Runnable r, Throwable t) {
            inTask = false;
            long end = System.nanoTime();
            long took = end - taskStart;
            long seq = taskSeq;
            if (took >= 2_000_000) {
                busy.recordPast("loop task #" + seq, taskStart, end, loopThread.getName());
            }
            StackTraceElement[] stack = hogStackSeq == seq ? hogStack : null;
            // The CPU clock is read only for a task long enough to be a hog, not after every task.
            if (took > hogThreshold.toNanos() && blockedSeq != seq
                    && (usedCpu(taskCpuStart, ownCpuNow()) || inNative(stack))) {
                record(new Episode(Kind.HOGGED, Thread.State.RUNNABLE, took / 1_000_000,
                        stack == null ? new StackTraceElement[0] : stack));
            }
            super.afterExecute(r, t);
            finishedSeq = seq;
        }
    }

    /**
     * Stops the loop: interrupts the running task and waits up to a second for it to end, but no longer than it
     * takes to see the loop thread waiting for a future: a {@code join()} ignores the interrupt and would never end
     * (its daemon thread is left parked).
     */
    @Override
    public void close() {
        running = false;
        executor.shutdownNow();
        StuckLoop stuck = StuckLoop.watch(this, Long.MAX_VALUE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        try {
            while (!executor.awaitTermination(1, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
                if (stuck.check().filter(v -> v.kind() == StuckLoop.Kind.WAITS_FOR_A_FUTURE).isPresent()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
