// Known-wrong: a hand-completed promise; on a permanent error it fails the promise but falls through and
// schedules the next attempt anyway (a missing return): the caller sees the right error, the service another call.
// expect-mistake: retried-permanent-error
package asynckit.ex08;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

public final class Retrier {
    private final RetryPolicy policy;
    private final ScheduledExecutorService scheduler;
    private final DoubleSupplier random;

    public Retrier(RetryPolicy policy, ScheduledExecutorService scheduler, DoubleSupplier random) {
        this.policy = policy;
        this.scheduler = scheduler;
        this.random = random;
    }

    public <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(operation, 1, new ArrayList<>(), result);
        return result;
    }

    private <T> void attempt(Supplier<CompletableFuture<T>> operation, int number, List<Throwable> earlier,
                             CompletableFuture<T> result) {
        operation.get().whenComplete((value, thrown) -> {
            if (thrown == null) {
                result.complete(value);
                return;
            }
            Throwable error = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
            if (number >= policy.maxAttempts()) {
                earlier.forEach(error::addSuppressed);
                result.completeExceptionally(error);
                return;
            }
            if (!policy.isTransient(error)) {
                earlier.forEach(error::addSuppressed);
                result.completeExceptionally(error);
            }
            earlier.add(error);
            Duration backoff = policy.firstDelay().multipliedBy(1L << (number - 1));
            long wait = backoff.toNanos() + Math.round(backoff.toNanos() * policy.jitter() * random.getAsDouble());
            scheduler.schedule(() -> attempt(operation, number + 1, earlier, result), wait, TimeUnit.NANOSECONDS);
        });
    }
}
