// Known-wrong: the README's example (4 attempts, 100 ms) written in as constants instead of read from the policy.
// expect-mistake: wrong-backoff
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
        // Everything one call needs to remember lives here, not in the Retrier's fields: calls may overlap.
        return attempt(operation, 1, new ArrayList<>());
    }

    private <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> operation, int number,
                                             List<Throwable> earlier) {
        // A new call of the operation is a new attempt; the future it returns is that attempt's one result.
        return operation.get().exceptionallyCompose(thrown -> {
            Throwable error = unwrap(thrown);
            if (number >= 4 || !policy.isTransient(error)) {
                // Give up: the last error is the failure, every earlier one is kept on it, oldest first.
                earlier.forEach(error::addSuppressed);
                return CompletableFuture.failedFuture(error);
            }
            earlier.add(error);
            // The next attempt starts from a task on the scheduler: no thread waits in the meantime.
            return after(delayBefore(number + 1), () -> attempt(operation, number + 1, earlier));
        });
    }

    /** The wait before attempt {@code number} (2 or more): firstDelay × 2^(number-2), plus its random part. */
    private Duration delayBefore(int number) {
        Duration backoff = Duration.ofMillis(100).multipliedBy(1L << (number - 2));
        long extra = Math.round(backoff.toNanos() * policy.jitter() * random.getAsDouble());
        return backoff.plusNanos(extra);
    }

    /** A future of {@code next}'s result, started by a task the scheduler runs once {@code delay} has passed. */
    private <T> CompletableFuture<T> after(Duration delay, Supplier<CompletableFuture<T>> next) {
        CompletableFuture<Void> due = new CompletableFuture<>();
        scheduler.schedule(() -> due.complete(null), delay.toNanos(), TimeUnit.NANOSECONDS);
        return due.thenCompose(ignored -> next.get());
    }

    /** The error itself: a failure that travelled through a dependent stage arrives wrapped. */
    private static Throwable unwrap(Throwable thrown) {
        Throwable error = thrown;
        while (error instanceof CompletionException && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }
}
