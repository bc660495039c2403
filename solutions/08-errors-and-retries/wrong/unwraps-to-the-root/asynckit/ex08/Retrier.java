// Known-wrong: "find the root cause": unwraps every getCause(), not only a CompletionException, so the policy
// is asked about (and the caller gets) an error's cause instead of the error itself.
// expect-mistake: did-not-unwrap
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
        return operation.get().exceptionallyCompose(thrown -> {
            Throwable error = thrown;
            while (error.getCause() != null) error = error.getCause();
            if (number >= policy.maxAttempts() || !policy.isTransient(error)) {
                earlier.forEach(error::addSuppressed);
                return CompletableFuture.failedFuture(error);
            }
            earlier.add(error);
            Duration backoff = policy.firstDelay().multipliedBy(1L << (number - 1));
            long wait = backoff.toNanos() + Math.round(backoff.toNanos() * policy.jitter() * random.getAsDouble());
            CompletableFuture<Void> due = new CompletableFuture<>();
            scheduler.schedule(() -> due.complete(null), wait, TimeUnit.NANOSECONDS);
            return due.thenCompose(x -> attempt(operation, number + 1, earlier));
        });
    }
}
