package asynckit.testkit;

import asynckit.testkit.internal.OwnTime;
import asynckit.testkit.internal.Sneaky;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Waits (in test code, the one place where waiting is right) for a future the learner returned, with
 * a bound, and describes what happened: a value, a failure, or still pending.
 *
 * @param <T> the value type
 */
public final class Settle<T> {
    /** How long a plain wait sleeps at a time, measuring how late it wakes (see {@link OwnTime}). */
    private static final long SLICE_NANOS = 10_000_000;
    /** How long a wait that looks at a loop or at evidence sleeps between looks. */
    private static final long LOOK_NANOS = 1_000_000;
    private final T value;
    private final Throwable failure;
    private final boolean pending;
    private final Duration waited;
    /** Why the wait could stop before the bound, or what an earlier wait proved; null when it ran the bound out plainly. */
    private final String because;

    private Settle(T value, Throwable failure, boolean pending, Duration waited) {
        this(value, failure, pending, waited, null);
    }

    /** A pending wait that a busy machine stretched on the clock says so here (see {@link OwnTime}); else null. */
    private final String stretched;

    private Settle(T value, Throwable failure, boolean pending, Duration waited, String because) {
        this(value, failure, pending, waited, because, null);
    }

    private Settle(T value, Throwable failure, boolean pending, Duration waited, String because, String stretched) {
        this.value = value;
        this.failure = failure;
        this.pending = pending;
        this.waited = waited;
        this.because = because;
        this.stretched = stretched;
    }

    /**
     * As {@link #within(CompletionStage, Duration)}, but stops waiting as soon as {@code hopeless} gives a
     * reason (checked every millisecond): deterministic evidence that nothing can complete the stage within
     * the bound (e.g. the only timer left on the loop is due long after it). The reason is kept for the
     * failure message; a stage that completes meanwhile is taken as it is.
     */
    public static <T> Settle<T> within(CompletionStage<T> stage, Duration bound, Supplier<String> hopeless) {
        return watching(stage, bound, null, hopeless);
    }

    /**
     * Waits up to {@code bound} for {@code stage}, which the code under test completes by way of {@code loop},
     * and fails at once, with the loop's declared meaning ({@link WatchedLoop#whenStuck}), when the loop is
     * stuck in a way it names: a join or get on the loop waits for work queued behind itself and would only
     * run the bound out. The failure says what the loop thread is doing, the lesson's sentences, and where.
     *
     * @throws IllegalStateException when the loop has declared no meaning
     */
    public static <T> Settle<T> within(CompletionStage<T> stage, Duration bound, WatchedLoop loop) {
        return within(stage, bound, loop, () -> null);
    }

    /** Both at once: fails when {@code loop} is stuck, stops early when {@code hopeless} gives a reason. */
    public static <T> Settle<T> within(CompletionStage<T> stage, Duration bound, WatchedLoop loop,
                                       Supplier<String> hopeless) {
        if (loop.stuckMeaning() == null) {
            throw new IllegalStateException("a wait on the loop '" + loop.thread().getName() + "' needs to know what a"
                    + " stuck loop means: declare it with WatchedLoop.whenStuck(StuckLoop.meaning().when(...))");
        }
        return watching(stage, bound, StuckLoop.watch(loop), hopeless);
    }

    /** The wait: a millisecond at a time (woken at once when the stage completes), looking at the loop and the evidence between. */
    private static <T> Settle<T> watching(CompletionStage<T> stage, Duration bound, StuckLoop stuck,
                                          Supplier<String> hopeless) {
        if (stage == null) {
            return within(null, bound);
        }
        return waitFor(stage.toCompletableFuture(), bound, LOOK_NANOS, stuck, hopeless);
    }

    /**
     * Every wait: {@code slice} at a time, counting the waiter's own time ({@link OwnTime}); between slices, fails if
     * {@code stuck} (when there is one) says the loop is stuck, and stops early when {@code hopeless} gives a reason.
     */
    private static <T> Settle<T> waitFor(CompletableFuture<T> future, Duration bound, long slice, StuckLoop stuck,
                                         Supplier<String> hopeless) {
        OwnTime clock = OwnTime.of(bound);
        while (!future.isDone()) {
            long left = clock.left();
            if (left <= 0) {
                // Still pending: it was waited for the whole bound, of its own time.
                return pendingAfter(bound, clock);
            }
            if (stuck != null) {
                stuck.failIfStuck();
            }
            String reason = hopeless.get();
            if (reason != null && !future.isDone()) {
                return new Settle<>(null, null, true, clock.elapsed(), reason);
            }
            long nanos = Math.min(left, slice);
            long began = System.nanoTime();
            if (!settles(future, nanos)) {
                clock.slept(began, nanos);
            }
        }
        return done(future, bound);
    }

    /** Still pending after {@code bound}; says so when a busy machine stretched the wait on the clock. */
    private static <T> Settle<T> pendingAfter(Duration bound, OwnTime clock) {
        long late = clock.late().toMillis();
        return new Settle<>(null, null, true, bound, null, late < 50 ? null : clock.elapsed().toMillis() + " ms on"
                + " the clock: the busy machine kept the test from running for " + late + " ms of them, which did"
                + " not count");
    }

    /** Waits up to {@code nanos} for {@code future}; true when it is done. */
    private static boolean settles(CompletableFuture<?> future, long nanos) {
        try {
            // The test's own bounded wait: not counted as the code's waiting (see Waits).
            Waits.exempt(() -> future.get(nanos, TimeUnit.NANOSECONDS));
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (Exception e) {
            return true;
        }
    }

    /** How long the test waited (the bound, or less when the wait could stop early). */
    public Duration waited() {
        return waited;
    }

    /** Why the wait stopped early or could be short (see {@link #within(CompletionStage, Duration, Supplier)}), or null. */
    public String because() {
        return because;
    }

    /** The same outcome, with what an earlier wait proved added to the message of a pending one. */
    Settle<T> because(String reason) {
        return new Settle<>(value, failure, pending, waited, reason, stretched);
    }

    private String pendingFor() {
        return "was still not complete after " + waited.toMillis() + " ms" + (stretched == null ? "" : " ("
                + stretched + ")") + (because == null ? "" : " (" + because + ")");
    }

    /**
     * Waits up to {@code bound} for {@code stage}; a null stage is reported as a failure. The bound counts the
     * test's own time: what a busy machine (or a collection) kept the waiting thread from running is added on the
     * clock, up to three times the bound ({@link OwnTime}), since it kept the code under test from running too.
     */
    public static <T> Settle<T> within(CompletionStage<T> stage, Duration bound) {
        if (stage == null) {
            return new Settle<>(null, new AssertionError("the method returned null instead of a CompletableFuture"),
                    false, bound);
        }
        return waitFor(stage.toCompletableFuture(), bound, SLICE_NANOS, null, () -> null);
    }

    /** The outcome of a future that is done. */
    private static <T> Settle<T> done(CompletableFuture<T> future, Duration bound) {
        try {
            // The test's own bounded wait: not counted as the code's waiting (see Waits).
            return new Settle<>(Waits.exempt(() -> future.get(bound.toNanos(), TimeUnit.NANOSECONDS)), null, false, bound);
        } catch (ExecutionException | CompletionException e) {
            return new Settle<>(null, e.getCause(), false, bound);
        } catch (CancellationException e) {
            return new Settle<>(null, e, false, bound);
        } catch (TimeoutException e) {
            return new Settle<>(null, null, true, bound);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean pending() {
        return pending;
    }

    public boolean failed() {
        return failure != null;
    }

    public Throwable failure() {
        return failure;
    }

    /**
     * The value; if the future failed, the learner's exception is rethrown as it is (so a stub's
     * "not written yet" message reaches the learner); if it is still pending, an AssertionError says so.
     */
    public T value() {
        if (pending) {
            throw new AssertionError("the future your code returned " + pendingFor()
                    + " (right code completes it well within that). Something never completes it: a future"
                    + " made with new and never completed, a callback that was never attached, or a step that"
                    + " waits for something that never happens.");
        }
        if (failure != null) {
            throw Sneaky.rethrow(failure);
        }
        return value;
    }

    /**
     * The value, with every way of not having one named as a mistake: still pending is {@code ifPending},
     * a failure is {@code ifFailed} (the learner's exception kept as the cause). A stub's "not written yet"
     * ({@link UnsupportedOperationException}) is rethrown as it is, so the learner reads where to start.
     */
    public T value(Mistake ifPending, Mistake ifFailed, String what) {
        if (pending) {
            throw ifPending.report()
                    .saw(what + " " + pendingFor() + ", although everything it needed had arrived (right code"
                            + " completes it at once).")
                    .failure();
        }
        if (failure instanceof UnsupportedOperationException notWritten) {
            throw notWritten;
        }
        if (failure != null) {
            throw ifFailed.report()
                    .saw(what + " failed with " + failure + ", where it should have completed normally.")
                    .failure(failure);
        }
        return value;
    }
}
