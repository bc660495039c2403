// Known-wrong: saves are started and their failures reported, but nothing keeps them: close()
// completes at once and pendingSaves() knows of nothing, so a shutdown cuts saves off mid-flight.
// expect-mistake: untracked-save
package asynckit.ex04;

import java.util.concurrent.CompletableFuture;

public final class ChatHandler {
    private final MessageStore store;
    private final Assistant assistant;
    private final SaveFailureListener onSaveFailed;

    public ChatHandler(MessageStore store, Assistant assistant, SaveFailureListener onSaveFailed) {
        this.store = store;
        this.assistant = assistant;
        this.onSaveFailed = onSaveFailed;
    }

    public CompletableFuture<String> onMessage(String text) {
        save(Message.fromUser(text));
        return assistant.reply(text).thenApply(reply -> {
            save(Message.fromAssistant(reply));
            return reply;
        });
    }

    public int pendingSaves() {
        return 0;
    }

    public CompletableFuture<Void> close() {
        return CompletableFuture.completedFuture(null);
    }

    private void save(Message message) {
        store.save(message).whenComplete((stored, failure) -> {
            if (failure != null) {
                onSaveFailed.saveFailed(message, failure);
            }
        });
    }
}
