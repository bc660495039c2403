// Known-wrong: "retries" by waiting on the same failed future again: a future is one result, not a recipe.
// expect-mistake: did-not-call
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
        return retry(operation.get(), 1, new ArrayList<>());
    }

    private <T> CompletableFuture<T> retry(CompletableFuture<T> attempt, int number, List<Throwable> earlier) {
        return attempt.exceptionallyCompose(thrown -> {
            Throwable error = thrown instanceof CompletionException && thrown.getCause() != null
                    ? thrown.getCause() : thrown;
            if (number >= policy.maxAttempts() || !policy.isTransient(error)) {
                return CompletableFuture.failedFuture(error);
            }
            earlier.add(error);
            long backoff = policy.firstDelay().toNanos() << (number - 1);
            long wait = backoff + Math.round(backoff * policy.jitter() * random.getAsDouble());
            CompletableFuture<Void> due = new CompletableFuture<>();
            scheduler.schedule(() -> due.complete(null), wait, TimeUnit.NANOSECONDS);
            return due.thenCompose(ignored -> retry(attempt, number + 1, earlier));
        });
    }
}
