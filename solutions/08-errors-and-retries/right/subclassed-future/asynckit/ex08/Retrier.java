// Right, in another style: the call's future is a subclass of CompletableFuture that is its own callback
// (a BiConsumer of each attempt's outcome) and its own wake-up task (a Runnable for the scheduler).
package asynckit.ex08;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
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
        Retrying<T> call = new Retrying<>(operation);
        call.run();
        return call;
    }

    private final class Retrying<T> extends CompletableFuture<T> implements BiConsumer<T, Throwable>, Runnable {
        private final Supplier<CompletableFuture<T>> operation;
        private final Deque<Throwable> failures = new ArrayDeque<>();
        private long nextBackoffNanos = policy.firstDelay().toNanos();

        Retrying(Supplier<CompletableFuture<T>> operation) {
            this.operation = operation;
        }

        /** Starts one attempt. */
        @Override
        public void run() {
            operation.get().whenComplete(this);
        }

        /** One attempt's outcome. */
        @Override
        public void accept(T value, Throwable thrown) {
            if (thrown == null) {
                complete(value);
                return;
            }
            Throwable error = thrown;
            if (error instanceof CompletionException wrapper && wrapper.getCause() != null) {
                error = wrapper.getCause();
            }
            boolean lastAllowed = failures.size() + 1 >= policy.maxAttempts();
            if (lastAllowed || !policy.isTransient(error)) {
                while (!failures.isEmpty()) {
                    error.addSuppressed(failures.removeFirst());
                }
                completeExceptionally(error);
                return;
            }
            failures.addLast(error);
            long wait = nextBackoffNanos + Math.round(nextBackoffNanos * policy.jitter() * random.getAsDouble());
            nextBackoffNanos *= 2;
            scheduler.schedule((Runnable) this, wait, TimeUnit.NANOSECONDS);
        }
    }
}
