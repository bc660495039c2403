package asynckit.ex04;

import java.util.concurrent.CompletableFuture;

/**
 * Exercise 04: background tasks. Read exercises/04-background-tasks/README.md first.
 */
public final class ChatHandler {
    private final MessageStore store;
    private final Assistant assistant;
    private final SaveFailureListener onSaveFailed;

    public ChatHandler(MessageStore store, Assistant assistant, SaveFailureListener onSaveFailed) {
        this.store = store;
        this.assistant = assistant;
        this.onSaveFailed = onSaveFailed;
    }

    /**
     * Handles one message from the user: saves it in the background, asks the assistant, saves the
     * reply in the background too, and hands the reply back as soon as it is there.
     *
     * @param text what the user wrote
     * @return a future of the assistant's reply, never delayed by a save
     */
    public CompletableFuture<String> onMessage(String text) {
        throw new UnsupportedOperationException(
                "Not written yet: ChatHandler.onMessage. See exercises/04-background-tasks/README.md, 'Your task'.");
    }

    /** How many saves have been started and have not finished yet. */
    public int pendingSaves() {
        throw new UnsupportedOperationException(
                "Not written yet: ChatHandler.pendingSaves. See exercises/04-background-tasks/README.md, 'Your task'.");
    }

    /**
     * Shuts the handler down gracefully.
     *
     * @return a future that completes once every save started so far has finished, stored or failed
     */
    public CompletableFuture<Void> close() {
        throw new UnsupportedOperationException(
                "Not written yet: ChatHandler.close. See exercises/04-background-tasks/README.md, 'Your task'.");
    }
}
