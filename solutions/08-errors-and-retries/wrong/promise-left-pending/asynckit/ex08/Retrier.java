// Known-wrong: a hand-completed promise that is completed on success and after the last transient error,
// but not when a permanent error arrives: the caller waits forever.
// expect-mistake: lost-outcome
package asynckit.ex08;

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
            Throwable error = thrown instanceof CompletionException && thrown.getCause() != null
                    ? thrown.getCause() : thrown;
            if (policy.isTransient(error)) {
                if (number >= policy.maxAttempts()) {
                    earlier.forEach(error::addSuppressed);
                    result.completeExceptionally(error);
                    return;
                }
                earlier.add(error);
                long backoff = policy.firstDelay().toNanos() << (number - 1);
                long wait = backoff + Math.round(backoff * policy.jitter() * random.getAsDouble());
                scheduler.schedule(() -> attempt(operation, number + 1, earlier, result), wait, TimeUnit.NANOSECONDS);
            }
        });
    }
}
