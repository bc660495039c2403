// Right, in another style: the waits are planned with a stream when the call starts (each with its random
// part), then each failure takes the next wait from the plan; an empty plan means the last attempt.
package asynckit.ex08;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

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
        List<Duration> waits = Stream.iterate(policy.firstDelay(), backoff -> backoff.multipliedBy(2))
                .limit(policy.maxAttempts() - 1L)
                .map(backoff -> backoff.plusNanos((long) (backoff.toNanos() * policy.jitter() * random.getAsDouble())))
                .toList();
        return attempt(operation, waits.iterator(), new ArrayList<>());
    }

    private <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> operation, Iterator<Duration> waits,
                                             List<Throwable> errors) {
        return operation.get().exceptionallyCompose(thrown -> {
            Throwable error = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
            if (!waits.hasNext() || !policy.isTransient(error)) {
                errors.forEach(error::addSuppressed);
                return CompletableFuture.failedFuture(error);
            }
            errors.add(error);
            CompletableFuture<Void> due = new CompletableFuture<>();
            scheduler.schedule(() -> due.complete(null), waits.next().toNanos(), TimeUnit.NANOSECONDS);
            return due.thenCompose(ignored -> attempt(operation, waits, errors));
        });
    }
}
