package asynckit.ex08;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How to retry (given; do not change it).
 *
 * <p>With {@code new RetryPolicy(4, Duration.ofMillis(100), 0.0, e -> e instanceof IOException)} an
 * operation that keeps failing with an {@code IOException} is tried 4 times: at once, then 100, 200 and
 * 400 ms after each failure; then the caller gets the last failure.
 *
 * @param maxAttempts     how many attempts in all, the first one included (at least 1): 4 means the first
 *                        attempt and up to 3 retries
 * @param firstDelay      the wait before the first retry; every later wait is twice the one before it
 * @param jitter          the random part of each wait, as a fraction of it: with 0.5, a wait of 200 ms
 *                        becomes 200 ms plus up to 100 ms more (0 means no random part)
 * @param transientErrors says which errors are worth another attempt (true) and which are permanent
 *                        (false); ask it about the error itself, never about a CompletionException around it
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, double jitter, Predicate<Throwable> transientErrors) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        Objects.requireNonNull(firstDelay, "firstDelay");
        if (firstDelay.isNegative() || firstDelay.isZero()) {
            throw new IllegalArgumentException("firstDelay must be positive, not " + firstDelay);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be from 0 to 1, not " + jitter);
        }
        Objects.requireNonNull(transientErrors, "transientErrors");
    }

    /** Whether {@code error} (the error itself, not a wrapper) is worth another attempt. */
    public boolean isTransient(Throwable error) {
        return transientErrors.test(error);
    }
}
