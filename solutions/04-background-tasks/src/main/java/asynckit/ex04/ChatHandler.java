package asynckit.ex04;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Reference solution for exercise 04. */
public final class ChatHandler {
    private final MessageStore store;
    private final Assistant assistant;
    private final SaveFailureListener onSaveFailed;
    /** Saves started and not finished yet; each one removes itself when it finishes. */
    private final Set<CompletableFuture<Void>> saving = ConcurrentHashMap.newKeySet();

    public ChatHandler(MessageStore store, Assistant assistant, SaveFailureListener onSaveFailed) {
        this.store = store;
        this.assistant = assistant;
        this.onSaveFailed = onSaveFailed;
    }

    public CompletableFuture<String> onMessage(String text) {
        // Start the save now and keep going: nothing below waits for it.
        saveInBackground(Message.fromUser(text));
        return assistant.reply(text).thenApply(reply -> {
            // The reply is here: start its save too, and hand the reply on without waiting for that save.
            saveInBackground(Message.fromAssistant(reply));
            return reply;
        });
    }

    public int pendingSaves() {
        return saving.size();
    }

    public CompletableFuture<Void> close() {
        // Every tracked future completes normally (failures went to the listener), so allOf completes
        // once the last save has finished, whatever its outcome.
        return CompletableFuture.allOf(saving.toArray(CompletableFuture[]::new));
    }

    private void saveInBackground(Message message) {
        CompletableFuture<Void> finished = store.save(message).handle((stored, failure) -> {
            if (failure != null) {
                onSaveFailed.saveFailed(message, failure);
            }
            return null;
        });
        // Add first, then ask to be removed: if the save has already finished, the removal runs at once.
        saving.add(finished);
        finished.whenComplete((ignored, alsoIgnored) -> saving.remove(finished));
    }
}
