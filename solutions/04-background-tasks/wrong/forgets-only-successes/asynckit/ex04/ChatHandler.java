// Known-wrong: a save removes itself from the set with thenRun, which runs only when the save
// succeeds: every failed save stays in the set forever (and pendingSaves() never returns to 0).
// expect-mistake: leaked-saves
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
        return CompletableFuture.allOf(saving.stream()
                .map(save -> save.handle((stored, failure) -> null))
                .toArray(CompletableFuture[]::new));
    }

    private void saveInBackground(Message message) {
        CompletableFuture<Void> save = store.save(message);
        saving.add(save);
        save.thenRun(() -> saving.remove(save));
        save.exceptionally(failure -> {
            onSaveFailed.saveFailed(message, failure);
            return null;
        });
    }
}
