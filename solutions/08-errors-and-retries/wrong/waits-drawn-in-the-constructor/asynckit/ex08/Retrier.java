// Known-wrong: the waits (random part included) are worked out once, in the constructor, and every call
// reuses them: calls that fail together on one Retrier still retry together.
// expect-mistake: wrong-random-number
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
        for (int n = 2; n <= policy.maxAttempts(); n++) {
            Duration backoff = policy.firstDelay().multipliedBy(1L << (n - 2));
            waits.add(backoff.plusNanos(Math.round(backoff.toNanos() * policy.jitter() * random.getAsDouble())));
        }
    }
    private final List<Duration> waits = new ArrayList<>();

    public <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> operation) {
        // Everything one call needs to remember lives here, not in the Retrier's fields: calls may overlap.
        return attempt(operation, 1, new ArrayList<>());
    }

    private <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> operation, int number,
                                             List<Throwable> earlier) {
        // A new call of the operation is a new attempt; the future it returns is that attempt's one result.
        return operation.get().exceptionallyCompose(thrown -> {
            Throwable error = unwrap(thrown);
            if (number >= policy.maxAttempts() || !policy.isTransient(error)) {
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
        return waits.get(number - 2);
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
