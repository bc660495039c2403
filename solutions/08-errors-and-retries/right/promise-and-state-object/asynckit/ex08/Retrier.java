// Right, in another style: one hand-completed promise per call, and a small object holding that call's state.
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
        Attempts<T> attempts = new Attempts<>(operation);
        attempts.next();
        return attempts.result;
    }

    /** One call's state. Its attempts never overlap, and each step starts from the one before, so no lock is needed. */
    private final class Attempts<T> {
        final Supplier<CompletableFuture<T>> operation;
        final CompletableFuture<T> result = new CompletableFuture<>();
        final List<Throwable> errors = new ArrayList<>();
        int made;
        Duration backoff = policy.firstDelay();

        Attempts(Supplier<CompletableFuture<T>> operation) {
            this.operation = operation;
        }

        void next() {
            made++;
            operation.get().whenComplete((value, thrown) -> {
                if (thrown == null) {
                    result.complete(value);
                } else {
                    failed(thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown);
                }
            });
        }

        void failed(Throwable error) {
            if (made >= policy.maxAttempts() || !policy.isTransient(error)) {
                errors.forEach(error::addSuppressed);
                result.completeExceptionally(error);
                return;
            }
            errors.add(error);
            Duration wait = backoff.plusNanos(Math.round(backoff.toNanos() * policy.jitter() * random.getAsDouble()));
            backoff = backoff.multipliedBy(2);
            scheduler.schedule(this::next, wait.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}
