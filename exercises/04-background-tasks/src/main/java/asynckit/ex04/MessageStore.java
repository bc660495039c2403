package asynckit.ex04;

import java.util.concurrent.CompletableFuture;

/**
 * An asynchronous database of chat messages (given; do not change it). {@code save} returns at once;
 * the future completes when the message is stored, or fails if it could not be stored.
 */
public interface MessageStore {
    CompletableFuture<Void> save(Message message);
}
