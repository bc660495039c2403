// Right, in another style: every callback runs on the scheduler (as on an event loop), and the result is
// completed from there; the scheduler is the only thread this code ever uses.
package asynckit.ex08;

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
        CompletableFuture<T> result = new CompletableFuture<>();
        start(operation, 1, new ArrayList<>(), result);
        return result;
    }

    private <T> void start(Supplier<CompletableFuture<T>> operation, int number, List<Throwable> errors,
                           CompletableFuture<T> result) {
        operation.get().whenCompleteAsync((value, thrown) -> {
            if (thrown == null) {
                result.complete(value);
                return;
            }
            Throwable error = thrown;
            while (error instanceof CompletionException && error.getCause() != null) {
                error = error.getCause();
            }
            if (number >= policy.maxAttempts() || !policy.isTransient(error)) {
                for (Throwable earlier : errors) {
                    error.addSuppressed(earlier);
                }
                result.completeExceptionally(error);
                return;
            }
            errors.add(error);
            double backoffMillis = policy.firstDelay().toMillis() * Math.pow(2, number - 1);
            double waitMillis = backoffMillis * (1 + policy.jitter() * random.getAsDouble());
            scheduler.schedule(() -> start(operation, number + 1, errors, result),
                    Math.round(waitMillis * 1000), TimeUnit.MICROSECONDS);
        }, scheduler);
    }
}
