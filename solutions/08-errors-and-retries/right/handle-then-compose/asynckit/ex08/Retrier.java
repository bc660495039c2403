// Right, in another style: handle() turns each outcome into the next future, thenCompose flattens it.
package asynckit.ex08;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
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

    private <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> operation, int number, List<Throwable> errors) {
        return operation.get()
                .handle((value, thrown) -> thrown == null
                        ? CompletableFuture.completedFuture(value)
                        : afterFailure(operation, number, errors, thrown))
                .thenCompose(Function.identity());
    }

    private <T> CompletableFuture<T> afterFailure(Supplier<CompletableFuture<T>> operation, int number,
                                                  List<Throwable> errors, Throwable thrown) {
        Throwable error = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (number == policy.maxAttempts() || !policy.isTransient(error)) {
            for (Throwable earlier : errors) {
                error.addSuppressed(earlier);
            }
            return CompletableFuture.failedFuture(error);
        }
        errors.add(error);
        long backoffNanos = policy.firstDelay().toNanos() << (number - 1);
        long waitNanos = backoffNanos + (long) (backoffNanos * policy.jitter() * random.getAsDouble());
        CompletableFuture<T> next = new CompletableFuture<>();
        scheduler.schedule(() -> attempt(operation, number + 1, errors).whenComplete((value, failure) -> {
            if (failure == null) {
                next.complete(value);
            } else {
                next.completeExceptionally(failure);
            }
        }), waitNanos, TimeUnit.NANOSECONDS);
        return next;
    }
}
