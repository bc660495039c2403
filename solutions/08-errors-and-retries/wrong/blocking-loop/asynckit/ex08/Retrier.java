// Known-wrong: the blocking habit: try, catch, Thread.sleep, try again, all on the caller's thread.
// expect-mistake: blocked-the-caller
// expect-mistake: slept-between-attempts
// expect-mistake: blocking-sleep
// expect-mistake: blocking-wait-on-future
package asynckit.ex08;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
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
        List<Throwable> earlier = new ArrayList<>();
        long backoff = policy.firstDelay().toMillis();
        for (int number = 1; ; number++) {
            try {
                return CompletableFuture.completedFuture(operation.get().join());
            } catch (CompletionException e) {
                Throwable error = e.getCause();
                if (number >= policy.maxAttempts() || !policy.isTransient(error)) {
                    earlier.forEach(error::addSuppressed);
                    return CompletableFuture.failedFuture(error);
                }
                earlier.add(error);
                try {
                    Thread.sleep(backoff + Math.round(backoff * policy.jitter() * random.getAsDouble()));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return CompletableFuture.failedFuture(interrupted);
                }
                backoff *= 2;
            }
        }
    }
}
