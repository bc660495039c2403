// Known-wrong: the Python habit "await save_to_db(message)" before talking to the AI. Tracked and
// non-blocking, but the assistant is asked only after the user's message has been stored.
// expect-mistake: reply-waited-for-save
package asynckit.ex04;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

public final class ChatHandler {
    private final MessageStore store;
    private final Assistant assistant;
    private final SaveFailureListener onSaveFailed;
    private final Set<CompletableFuture<Void>> saving = ConcurrentHashMap.newKeySet();

    public ChatHandler(MessageStore store, Assistant assistant, SaveFailureListener onSaveFailed) {
        this.store = store;
        this.assistant = assistant;
        this.onSaveFailed = onSaveFailed;
    }

    public CompletableFuture<String> onMessage(String text) {
        return saveTracked(Message.fromUser(text))
                .thenCompose(saved -> assistant.reply(text))
                .thenApply(reply -> {
                    saveTracked(Message.fromAssistant(reply));
                    return reply;
                });
    }

    public int pendingSaves() {
        return saving.size();
    }

    public CompletableFuture<Void> close() {
        return CompletableFuture.allOf(saving.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> saveTracked(Message message) {
        CompletableFuture<Void> finished = store.save(message).handle((stored, failure) -> {
            if (failure != null) {
                onSaveFailed.saveFailed(message, failure);
            }
            return null;
        });
        saving.add(finished);
        finished.whenComplete((ignored, alsoIgnored) -> saving.remove(finished));
        return finished;
    }
}
