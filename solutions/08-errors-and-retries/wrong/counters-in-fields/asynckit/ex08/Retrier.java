// Known-wrong: the attempt counter and the errors live in the Retrier's fields, reset by every call: fine
// for one call at a time, mixed up as soon as two calls overlap.
// expect-mistake: calls-share-state
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
    private int attempts;
    private final List<Throwable> errors = new ArrayList<>();

    public Retrier(RetryPolicy policy, ScheduledExecutorService scheduler, DoubleSupplier random) {
        this.policy = policy;
        this.scheduler = scheduler;
        this.random = random;
    }

    public <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> operation) {
        attempts = 0;
        errors.clear();
        return attempt(operation);
    }

    private <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> operation) {
        attempts++;
        return operation.get().exceptionallyCompose(thrown -> {
            Throwable error = thrown instanceof CompletionException && thrown.getCause() != null
                    ? thrown.getCause() : thrown;
            if (attempts >= policy.maxAttempts() || !policy.isTransient(error)) {
                errors.forEach(error::addSuppressed);
                return CompletableFuture.failedFuture(error);
            }
            errors.add(error);
            long backoff = policy.firstDelay().toNanos() << (attempts - 1);
            long wait = backoff + Math.round(backoff * policy.jitter() * random.getAsDouble());
            CompletableFuture<Void> due = new CompletableFuture<>();
            scheduler.schedule(() -> due.complete(null), wait, TimeUnit.NANOSECONDS);
            return due.thenCompose(ignored -> attempt(operation));
        });
    }
}
