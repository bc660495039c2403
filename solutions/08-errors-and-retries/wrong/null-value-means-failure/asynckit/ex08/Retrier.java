// Known-wrong: the Python habit "if result is not None": handle() looks at the value, not at the error, so a
// success whose value is null (a void operation: a PUT, a DELETE) is taken for a failure and retried.
// expect-mistake: lost-outcome
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

    private <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> operation, int number, List<Throwable> earlier) {
        return operation.get().handle((value, thrown) -> {
            if (value != null) return CompletableFuture.completedFuture(value);
            Throwable error = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
            if (error == null) error = new IllegalStateException("no value");
            if (number >= policy.maxAttempts() || !policy.isTransient(error)) {
                earlier.forEach(error::addSuppressed);
                return CompletableFuture.<T>failedFuture(error);
            }
            earlier.add(error);
            Duration backoff = policy.firstDelay().multipliedBy(1L << (number - 1));
            long wait = backoff.toNanos() + Math.round(backoff.toNanos() * policy.jitter() * random.getAsDouble());
            CompletableFuture<Void> due = new CompletableFuture<>();
            scheduler.schedule(() -> due.complete(null), wait, TimeUnit.NANOSECONDS);
            return due.thenCompose(x -> attempt(operation, number + 1, earlier));
        }).thenCompose(Function.identity());
    }
}
