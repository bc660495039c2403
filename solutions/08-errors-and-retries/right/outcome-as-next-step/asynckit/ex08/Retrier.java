// Right, another style: every outcome is mapped to "what to do next" (a Supplier of a future), success and
// failure alike, and thenCompose runs it; the call's state is an immutable record passed along.
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
    private record Tried(int number, List<Throwable> earlier) {
        Tried after(Throwable error) {
            List<Throwable> more = new ArrayList<>(earlier);
            more.add(error);
            return new Tried(number + 1, List.copyOf(more));
        }
    }

    public <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> operation) {
        return attempt(operation, new Tried(1, List.of()));
    }

    private <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> operation, Tried tried) {
        return operation.get()
                .<Supplier<CompletableFuture<T>>>thenApply(value -> () -> CompletableFuture.completedFuture(value))
                .exceptionally(thrown -> () -> next(operation, tried, thrown))
                .thenCompose(Supplier::get);
    }

    private <T> CompletableFuture<T> next(Supplier<CompletableFuture<T>> operation, Tried tried, Throwable thrown) {
        Throwable error = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (tried.number() >= policy.maxAttempts() || !policy.isTransient(error)) {
            tried.earlier().forEach(error::addSuppressed);
            return CompletableFuture.failedFuture(error);
        }
        long backoff = policy.firstDelay().toNanos() << (tried.number() - 1);
        long wait = backoff + Math.round(backoff * policy.jitter() * random.getAsDouble());
        CompletableFuture<T> later = new CompletableFuture<>();
        scheduler.schedule(() -> attempt(operation, tried.after(error)).whenComplete((v, e) -> {
            if (e == null) later.complete(v); else later.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
        }), wait, TimeUnit.NANOSECONDS);
        return later;
    }
}
