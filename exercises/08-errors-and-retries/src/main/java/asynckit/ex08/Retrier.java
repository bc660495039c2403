package asynckit.ex08;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Exercise 08: errors and retries. Read exercises/08-errors-and-retries/README.md first.
 */
public final class Retrier {
    private final RetryPolicy policy;
    private final ScheduledExecutorService scheduler;
    private final DoubleSupplier random;

    /**
     * @param policy    how many attempts, how long to wait between them, which errors to retry
     * @param scheduler where every wait between attempts happens (in the tests, a clock the test moves by hand)
     * @param random    the random part of each wait: a number from 0 (included) to 1 (excluded) per call,
     *                  e.g. {@code () -> ThreadLocalRandom.current().nextDouble()}
     */
    public Retrier(RetryPolicy policy, ScheduledExecutorService scheduler, DoubleSupplier random) {
        this.policy = policy;
        this.scheduler = scheduler;
        this.random = random;
    }

    /**
     * Runs {@code operation}, retrying it while it fails with a transient error and the policy allows
     * another attempt.
     *
     * @param operation starts one attempt each time it is called and returns that attempt's future
     * @return a future of the first successful attempt's value; or, when the operation fails for good, of
     *         the last attempt's error, with every earlier attempt's error suppressed on it
     */
    public <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> operation) {
        throw new UnsupportedOperationException(
                "Not written yet: Retrier.call. See exercises/08-errors-and-retries/README.md, 'Your task'.");
    }
}
