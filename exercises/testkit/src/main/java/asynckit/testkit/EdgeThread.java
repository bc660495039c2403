package asynckit.testkit;

import asynckit.testkit.internal.Stacks;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a program's edge (a {@code main}-like method, the one place where waiting is right) on a thread of
 * its own, named like the real one ({@code main}), and watches how it waits: its state, the line it waits
 * at, and how many times it has parked so far. A test drives the asynchronous work by hand and looks at
 * the edge between steps: right code parks once, in one join, and stays parked until everything is done.
 *
 * <pre>{@code
 * EdgeThread<Integer> main = EdgeThread.start("main", () -> ReportCommand.run(...));
 * ... // wait until main is parked and the loop is idle
 * long waits = main.waits();            // parks so far
 * StackTraceElement at = main.waitSite(); // e.g. ReportCommand.run(ReportCommand.java:27)
 * }</pre>
 *
 * @param <T> what the edge returns (an exit code)
 */
public final class EdgeThread<T> {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Thread thread;
    private final CompletableFuture<T> outcome = new CompletableFuture<>();

    private EdgeThread(String name, Callable<T> edge) {
        this.thread = ThreadWatch.start(name, edge, outcome);
    }

    /** Starts {@code edge} on a new daemon thread named {@code name}. */
    public static <T> EdgeThread<T> start(String name, Callable<T> edge) {
        return new EdgeThread<>(name, edge);
    }

    public Thread thread() {
        return thread;
    }

    public String name() {
        return thread.getName();
    }

    /** Whether the edge has returned or thrown. */
    public boolean finished() {
        return outcome.isDone();
    }

    /** What the edge returned, or threw; complete once {@link #finished()}. */
    public CompletableFuture<T> outcome() {
        return outcome;
    }

    /** Parked (WAITING or TIMED_WAITING) or blocked on a monitor: not running, not finished. */
    public boolean parked() {
        Thread.State s = thread.getState();
        return !finished() && (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING || s == Thread.State.BLOCKED);
    }

    /** The thread's state. */
    public Thread.State state() {
        return thread.getState();
    }

    /** How many times the thread has parked (WAITING or TIMED_WAITING) since it started. */
    public long waits() {
        ThreadInfo info = THREADS.getThreadInfo(thread.threadId());
        return info == null ? -1 : info.getWaitedCount();
    }

    /** CPU time the thread has used so far, in nanoseconds (-1 where the JVM cannot tell). */
    public long cpuNanos() {
        return THREADS.isThreadCpuTimeSupported() ? THREADS.getThreadCpuTime(thread.threadId()) : -1;
    }

    /** Whether the thread is parked in a wait for a future (join, get). */
    public boolean waitingOnAFuture() {
        return parked() && ThreadWatch.waitsForAFuture(thread.getStackTrace());
    }

    /**
     * Whether the thread is parked while handing work to an executor (inside its {@code execute}, {@code submit}
     * or {@code schedule}: a lock of its queue, a hand-over the loop runs at once): a hand-over in progress,
     * which a loaded machine can stretch over milliseconds, not a wait for the work.
     */
    public boolean handingWorkOver() {
        if (!parked()) {
            return false;
        }
        for (StackTraceElement f : thread.getStackTrace()) {
            String c = f.getClassName();
            String m = f.getMethodName();
            boolean executor = c.startsWith("java.util.concurrent.") && (c.endsWith("Executor") || c.endsWith("Pool")
                    || c.contains("Executor$") || c.contains("Pool$"));
            if (executor && (m.equals("execute") || m.equals("submit") || m.startsWith("schedule")
                    || m.equals("delayedExecute") || m.equals("addWorker"))
                    || c.equals(WatchedLoop.class.getName() + "$Executor") && m.equals("execute")) {
                return true;
            }
        }
        return false;
    }

    /** The line of the code under test the thread is stopped at (the first frame outside the JDK and the kit). */
    public StackTraceElement waitSite() {
        return Stacks.culprit(thread.getStackTrace());
    }

    /** The thread's stack, trimmed to the JDK call and the code under test. */
    public String stackExcerpt() {
        return Stacks.excerpt(thread.getStackTrace());
    }
}
