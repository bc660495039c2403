package asynckit.testkit;

import asynckit.testkit.internal.Sneaky;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits (in test code, the one place where waiting is right) for a future the learner returned, with
 * a bound, and describes what happened: a value, a failure, or still pending.
 *
 * @param <T> the value type
 */
public final class Settle<T> {
    private final T value;
    private final Throwable failure;
    private final boolean pending;
    private final Duration waited;

    private Settle(T value, Throwable failure, boolean pending, Duration waited) {
        this.value = value;
        this.failure = failure;
        this.pending = pending;
        this.waited = waited;
    }

    /** Waits up to {@code bound} for {@code stage}; a null stage is reported as a failure. */
    public static <T> Settle<T> within(CompletionStage<T> stage, Duration bound) {
        if (stage == null) {
            return new Settle<>(null, new AssertionError("the method returned null instead of a CompletableFuture"),
                    false, bound);
        }
        CompletableFuture<T> future = stage.toCompletableFuture();
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
            throw new AssertionError("the future your code returned was still not complete after " + waited.toMillis()
                    + " ms (right code completes it well within that). Something never completes it: a future"
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
                    .saw(what + " was still not complete after " + waited.toMillis() + " ms, although everything it"
                            + " needed had arrived (right code completes it at once).")
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
