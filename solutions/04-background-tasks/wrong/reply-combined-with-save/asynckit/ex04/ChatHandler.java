// Known-wrong: "reply once the user's message is safe": the reply is combined with the user's save
// (thenCombine), so the answer waits for the database, and a failed save fails the answer too.
// expect-mistake: reply-waited-for-save
// expect-mistake: save-failed-the-reply
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
        CompletableFuture<Void> userSaved = saveInBackground(Message.fromUser(text));
        return assistant.reply(text)
                .thenApply(reply -> {
                    saveInBackground(Message.fromAssistant(reply));
                    return reply;
                })
                .thenCombine(userSaved, (reply, saved) -> reply);
    }

    public int pendingSaves() {
        return saving.size();
    }

    public CompletableFuture<Void> close() {
        return CompletableFuture.allOf(saving.toArray(CompletableFuture[]::new));
    }

    /** Starts a save, tracks it, reports its failure; returns the store's own future. */
    private CompletableFuture<Void> saveInBackground(Message message) {
        CompletableFuture<Void> save = store.save(message);
        CompletableFuture<Void> finished = save.handle((stored, failure) -> {
            if (failure != null) {
                onSaveFailed.saveFailed(message, failure);
            }
            return null;
        });
        saving.add(finished);
        finished.whenComplete((ignored, alsoIgnored) -> saving.remove(finished));
        return save;
    }
}
