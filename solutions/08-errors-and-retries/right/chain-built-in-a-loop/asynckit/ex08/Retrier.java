// Right, another style: the whole chain of attempts is built up front, in a loop, from exceptionallyCompose
// stages: each runs only if everything before it failed; a flag per call stops retrying once it gave up.
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
        List<Throwable> earlier = new ArrayList<>();
        AtomicBoolean over = new AtomicBoolean();
        CompletableFuture<T> chain = operation.get();
        for (int n = 1; n < policy.maxAttempts(); n++) {
            int failed = n;
            chain = chain.exceptionallyCompose(thrown -> {
                Throwable error = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
                if (over.get()) {
                    return CompletableFuture.failedFuture(error);
                }
                if (!policy.isTransient(error)) {
                    over.set(true);
                    earlier.forEach(error::addSuppressed);
                    return CompletableFuture.failedFuture(error);
                }
                earlier.add(error);
                Duration backoff = policy.firstDelay().multipliedBy(1L << (failed - 1));
                Duration wait = backoff.plusNanos(Math.round(backoff.toNanos() * policy.jitter() * random.getAsDouble()));
                CompletableFuture<Void> due = new CompletableFuture<>();
                scheduler.schedule(() -> { due.complete(null); }, wait.toNanos(), TimeUnit.NANOSECONDS);
                return due.thenCompose(ignored -> operation.get());
            });
        }
        return chain.exceptionallyCompose(thrown -> {
            Throwable error = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
            if (!over.get()) {
                earlier.forEach(error::addSuppressed);
            }
            return CompletableFuture.failedFuture(error);
        });
    }
}
