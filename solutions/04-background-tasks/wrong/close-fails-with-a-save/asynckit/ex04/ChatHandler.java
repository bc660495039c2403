// Known-wrong: tracks the store's own futures and closes with allOf over them, so close() fails when
// any save failed, although that failure was already reported to the listener.
// expect-mistake: close-not-completed
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
        saveInBackground(Message.fromUser(text));
        return assistant.reply(text).thenApply(reply -> {
            saveInBackground(Message.fromAssistant(reply));
            return reply;
        });
    }

    public int pendingSaves() {
        return saving.size();
    }

    public CompletableFuture<Void> close() {
        return CompletableFuture.allOf(saving.toArray(CompletableFuture[]::new));
    }

    private void saveInBackground(Message message) {
        CompletableFuture<Void> save = store.save(message);
        saving.add(save);
        save.whenComplete((stored, failure) -> {
            saving.remove(save);
            if (failure != null) {
                onSaveFailed.saveFailed(message, failure);
            }
        });
    }
}
