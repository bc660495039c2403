// Known-wrong: the saves in flight kept in a map keyed by their message (to report it on failure): two
// equal messages in flight (the user says "ok" twice) share one entry, so the first to finish forgets both.
// expect-mistake: untracked-save
package asynckit.ex04;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

public final class ChatHandler {
    private final MessageStore store;
    private final Assistant assistant;
    private final SaveFailureListener onSaveFailed;

    private final Map<Message, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

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
        return inFlight.size();
    }

    public CompletableFuture<Void> close() {
        return CompletableFuture.allOf(inFlight.values().toArray(CompletableFuture[]::new));
    }

    private void saveInBackground(Message message) {
        CompletableFuture<Void> finished = store.save(message).handle((stored, failure) -> {
            if (failure != null) {
                onSaveFailed.saveFailed(message, failure);
            }
            return null;
        });
        inFlight.put(message, finished);
        finished.whenComplete((v, e) -> inFlight.remove(message));
    }
}
