package asynckit.ex07;

import java.util.concurrent.CompletableFuture;

/**
 * One request in flight at the shop (given; do not change it).
 *
 * <p>{@link #result()} is how the answer reaches you. Completing or cancelling that future yourself
 * (with {@code cancel}, {@code complete}, {@code orTimeout}, {@code completeOnTimeout}) changes only the
 * future: the request keeps running at the shop and keeps holding what it holds there. To stop the
 * request itself, call {@link #abort()}.
 *
 * @param <T> the type of the answer
 */
public interface Call<T> {

    /** The answer: completes when the shop answers, or fails when the shop reports an error. */
    CompletableFuture<T> result();

    /**
     * Stops the request at the shop. Its {@link #result()} then fails with a
     * {@link java.util.concurrent.CancellationException}, unless it had already completed. Harmless on
     * a call that has already finished.
     */
    void abort();
}
