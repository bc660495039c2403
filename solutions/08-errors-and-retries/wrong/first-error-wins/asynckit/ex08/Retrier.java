// Known-wrong: "the root cause is the first error": fails with attempt 1's error and suppresses the later ones.
// expect-mistake: wrong-failure
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
        return attempt(operation, 1, new ArrayList<>());
    }

    private <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> operation, int number,
                                             List<Throwable> errors) {
        return operation.get().exceptionallyCompose(thrown -> {
            Throwable error = thrown instanceof CompletionException && thrown.getCause() != null
                    ? thrown.getCause() : thrown;
            errors.add(error);
            if (number >= policy.maxAttempts() || !policy.isTransient(error)) {
                Throwable first = errors.get(0);
                errors.subList(1, errors.size()).forEach(first::addSuppressed);
                return CompletableFuture.failedFuture(first);
            }
            Duration backoff = policy.firstDelay().multipliedBy(1L << (number - 1));
            long wait = backoff.toNanos() + Math.round(backoff.toNanos() * policy.jitter() * random.getAsDouble());
            CompletableFuture<Void> due = new CompletableFuture<>();
            scheduler.schedule(() -> due.complete(null), wait, TimeUnit.NANOSECONDS);
            return due.thenCompose(ignored -> attempt(operation, number + 1, errors));
        });
    }
}
