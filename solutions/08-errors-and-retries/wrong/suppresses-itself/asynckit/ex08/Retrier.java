// Known-wrong: every error goes into the list first, the last one too, then the list is hung on the last
// error: addSuppressed(itself) throws "Self-suppression not permitted", and that is what the caller gets.
// expect-mistake: wrong-failure
package asynckit.ex08;

import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.function.*;

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
        return attempt(operation, 1, new ArrayList<>());
    }

    private <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> operation, int number, List<Throwable> errors) {
        return operation.get().exceptionallyCompose(thrown -> {
            Throwable error = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
            errors.add(error);
            if (number >= policy.maxAttempts() || !policy.isTransient(error)) {
                errors.forEach(error::addSuppressed);
                return CompletableFuture.failedFuture(error);
            }
            Duration backoff = policy.firstDelay().multipliedBy(1L << (number - 1));
            long wait = backoff.toNanos() + Math.round(backoff.toNanos() * policy.jitter() * random.getAsDouble());
            CompletableFuture<Void> due = new CompletableFuture<>();
            scheduler.schedule(() -> due.complete(null), wait, TimeUnit.NANOSECONDS);
            return due.thenCompose(x -> attempt(operation, number + 1, errors));
        });
    }
}
