package asynckit.testkit;

import asynckit.testkit.internal.Sneaky;
import asynckit.testkit.internal.Stacks;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks that a method returns at once instead of blocking its caller. The call runs on a fresh
 * daemon thread; if it has not returned within the bound, the test fails with the given mistake.
 * Pair it with a {@link ManualService} whose calls stay pending: then a blocking method cannot return
 * at all, and the check is deterministic rather than a race.
 */
public final class Returns {
    /** The default bound: one second, scaled. Correct code returns in microseconds. */
    public static final Duration BOUND = TimeScale.millis(1_000);

    private Returns() {}

    public static <T> T promptly(Mistake mistake, String call, Callable<T> action) {
        return promptly(mistake, call, BOUND, action, null);
    }

    /** As {@link #promptly(Mistake, String, Callable)}, drawing {@code timeline} in the failure. */
    public static <T> T promptly(Mistake mistake, String call, Timeline timeline, Callable<T> action) {
        return promptly(mistake, call, BOUND, action, timeline);
    }

    public static <T> T promptly(Mistake mistake, String call, Duration bound, Callable<T> action, Timeline timeline) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                result.complete(action.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "caller");
        caller.setDaemon(true);
        caller.start();
        try {
            try {
                return Waits.exempt(() -> result.get(bound.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException slow) {
                // A caller that is parked (waiting, sleeping, joining) is blocked: judged now. One that is still
                // RUNNABLE may only be starved of CPU on a loaded machine: it gets more time before it is judged
                // (a spin loop is RUNNABLE too, and fails after the longer bound).
                Thread.State state = caller.getState();
                if (state == Thread.State.RUNNABLE || state == Thread.State.NEW) {
                    return Waits.exempt(() -> result.get(bound.toMillis() * 4, TimeUnit.MILLISECONDS));
                }
                throw slow;
            }
        } catch (TimeoutException e) {
            Teach.Report report = mistake.report()
                    .saw(call + " had not returned after " + bound.toMillis() + " ms, while the test was still"
                            + " holding back everything it could be waiting for.\nA method that returns a"
                            + " CompletableFuture should hand it back at once and let the caller decide when to wait.")
                    .detail("The caller was stuck here:\n" + Stacks.excerpt(caller.getStackTrace()));
            if (timeline != null) {
                report.timeline(timeline);
            }
            throw report.failure();
        } catch (ExecutionException e) {
            throw Sneaky.rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + call, e);
        } catch (Exception e) {
            throw Sneaky.rethrow(e);
        }
    }
}
