package asynckit.testkit;

import asynckit.testkit.internal.Stacks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sees, at run time, every thread that parks waiting for a future a simulated service handed out,
 * whichever thread it is: the caller, the loop, or a pool thread inside {@code supplyAsync(() ->
 * other.join())}, which no check of the caller or the loop can see. Services make their futures with
 * {@link #future()}; every stage derived from such a future ({@code thenApply}, {@code handle}, ...)
 * is watched too. A {@code join()}, {@code get()} or {@code get(timeout)} on a watched future that is not
 * complete yet is recorded with its thread and stack. (A spin over {@code isDone()} is left to
 * {@link Returns} on the caller and to the static rule.)
 *
 * <p>The test's own bounded waits ({@link Settle#within}) are not counted; with {@link #from(LearnerCode)},
 * only waits made from the learner's code are.
 */
public final class Waits {
    private static final ThreadLocal<Boolean> EXEMPT = ThreadLocal.withInitial(() -> false);

    /** One wait the code made: which thread, with which call ({@code join()}, {@code get(50, MILLISECONDS)}), on what, and where. */
    public record Wait(String thread, String method, String what, StackTraceElement[] stack) {
        /** {@code called join() on a future of fetch that was still pending}. */
        public String how() {
            return "called " + method + " on a future of " + what + " that was still pending";
        }

        public String describe() {
            return "thread '" + thread + "' " + how() + "\n" + Stacks.excerpt(stack);
        }
    }

    private final String what;
    private final List<Wait> waits = new ArrayList<>();
    private volatile LearnerCode from;

    /** A recorder for the futures of {@code what} (e.g. "fetch", "an input"). */
    public Waits(String what) {
        this.what = what;
    }

    /** From now on, records only the waits made from the learner's code (a frame of it on the waiting stack). */
    public Waits from(LearnerCode code) {
        this.from = code;
        return this;
    }

    /** A new pending future whose waits (and its derived stages' waits) are recorded here. */
    public <T> CompletableFuture<T> future() {
        return new Watched<>(this, what);
    }

    /** As {@link #future()}, its waits described as waits for {@code label} (e.g. {@code price(apple)}). */
    public <T> CompletableFuture<T> future(String label) {
        return new Watched<>(this, label);
    }

    /** Runs {@code action} with this thread's waits not recorded (the test's own bounded waits). */
    static <T> T exempt(java.util.concurrent.Callable<T> action) throws Exception {
        boolean before = EXEMPT.get();
        EXEMPT.set(true);
        try {
            return action.call();
        } finally {
            EXEMPT.set(before);
        }
    }

    /** Every wait recorded so far. */
    public synchronized List<Wait> seen() {
        return List.copyOf(waits);
    }

    /** Waits up to {@code bound} for some thread to wait; true if one did. Right code makes the test pay the bound. */
    public boolean awaitAny(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        synchronized (this) {
            while (seen().isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, 5_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Fails with {@code mistake} if any thread waited on one of these futures while it was pending. The
     * message names each thread (a pool thread is named as such) and where it waited.
     */
    public void assertNone(Mistake mistake, String situation, Timeline timeline) {
        List<Wait> seen = seen();
        if (seen.isEmpty()) {
            return;
        }
        Wait first = seen.get(0);
        boolean pool = seen.stream().anyMatch(w -> isPoolThread(w.thread()));
        Teach.Report report = mistake.report()
                .saw(situation + ", " + (seen.size() == 1 ? "a thread" : seen.size() + " waits") + " parked waiting for "
                        + what + " results that had not arrived yet:\n- " + first.describe().replace("\n", "\n  ")
                        + (seen.size() > 1 ? "\n- ... and " + (seen.size() - 1) + " more" : "")
                        + (pool ? "\nA pool thread that waits is a thread taken from everybody else who shares the"
                                + " pool (supplyAsync without an executor uses the common pool, a handful of threads"
                                + " for the whole JVM). Returning at once does not help if the waiting just moved to"
                                + " another thread." : ""));
        if (timeline != null) {
            report.timeline(timeline);
        }
        throw report.failure();
    }

    static boolean isPoolThread(String name) {
        return name.startsWith("ForkJoinPool") || name.contains("pool-") || name.contains("worker");
    }

    private void record(String method, String label) {
        if (EXEMPT.get()) {
            return;
        }
        Thread me = Thread.currentThread();
        StackTraceElement[] stack = Stacks.below(me.getStackTrace(), Waits.class);
        LearnerCode code = from;
        if (code != null && !code.anywhereIn(stack)) {
            return;
        }
        synchronized (this) {
            waits.add(new Wait(me.getName(), method, label, stack));
            notifyAll();
        }
    }

    /** A CompletableFuture that tells its recorder when a thread waits for it before it is complete. */
    private static final class Watched<T> extends CompletableFuture<T> {
        private final Waits waits;
        private final String label;

        Watched(Waits waits, String label) {
            this.waits = waits;
            this.label = label;
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new Watched<>(waits, label);
        }

        @Override
        public T join() {
            if (!isDoneQuietly()) {
                waits.record("join()", label);
            }
            return super.join();
        }

        @Override
        public T get() throws InterruptedException, ExecutionException {
            if (!isDoneQuietly()) {
                waits.record("get()", label);
            }
            return super.get();
        }

        @Override
        public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            if (!isDoneQuietly()) {
                waits.record("get(" + timeout + ", " + unit + ")", label);
            }
            return super.get(timeout, unit);
        }

        private boolean isDoneQuietly() {
            return super.isDone();
        }
    }
}
