package asynckit.ex04;

import java.util.concurrent.CompletableFuture;

/**
 * An asynchronous AI assistant (given; do not change it). {@code reply} returns at once; the future
 * completes with the assistant's answer, often seconds later, or fails if no answer could be had.
 */
public interface Assistant {
    CompletableFuture<String> reply(String text);
}
