// Known-wrong: plans every attempt up front (at once, then after 100, 300 and 700 ms) and starts each one on
// time unless the call is already over, whether or not the attempt before it has failed yet.
// expect-mistake: overlapping-attempts
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
        List<Throwable> errors = new ArrayList<>();
        launch(operation, 1, errors, result);
        long at = 0;
        for (int number = 2; number <= policy.maxAttempts(); number++) {
            long backoff = policy.firstDelay().toNanos() << (number - 2);
            at += backoff + Math.round(backoff * policy.jitter() * random.getAsDouble());
            int attempt = number;
            scheduler.schedule(() -> {
                if (!result.isDone()) {
                    launch(operation, attempt, errors, result);
                }
            }, at, TimeUnit.NANOSECONDS);
        }
        return result;
    }

    private <T> void launch(Supplier<CompletableFuture<T>> operation, int number, List<Throwable> errors,
                            CompletableFuture<T> result) {
        operation.get().whenComplete((value, thrown) -> {
            if (thrown == null) {
                result.complete(value);
                return;
            }
            Throwable error = thrown instanceof CompletionException && thrown.getCause() != null
                    ? thrown.getCause() : thrown;
            synchronized (errors) {
                if (number >= policy.maxAttempts() || !policy.isTransient(error)) {
                    errors.forEach(error::addSuppressed);
                    result.completeExceptionally(error);
                } else {
                    errors.add(error);
                }
            }
        });
    }
}
