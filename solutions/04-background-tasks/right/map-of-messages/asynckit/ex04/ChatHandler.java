// Right, in another style: the saves in flight are a ConcurrentHashMap from each save's future to its
// message; whenComplete on the store's own future reports and forgets in one place; close() waits on
// futures that never fail (handle).
package asynckit.ex04;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

public final class ChatHandler {
    private final MessageStore store;
    private final Assistant assistant;
    private final SaveFailureListener onSaveFailed;
    private final Map<CompletableFuture<Void>, Message> inFlight = new ConcurrentHashMap<>();

    public ChatHandler(MessageStore store, Assistant assistant, SaveFailureListener onSaveFailed) {
        this.store = store;
        this.assistant = assistant;
        this.onSaveFailed = onSaveFailed;
    }

    public CompletableFuture<String> onMessage(String text) {
        start(Message.fromUser(text));
        return assistant.reply(text).thenApply(reply -> {
            start(Message.fromAssistant(reply));
            return reply;
        });
    }

    public int pendingSaves() {
        return inFlight.size();
    }

    public CompletableFuture<Void> close() {
        return CompletableFuture.allOf(inFlight.keySet().stream()
                .map(save -> save.handle((stored, failure) -> null))
                .toArray(CompletableFuture[]::new));
    }

    private void start(Message message) {
        CompletableFuture<Void> save = store.save(message);
        inFlight.put(save, message);
        save.whenComplete((stored, failure) -> {
            Message lost = inFlight.remove(save);
            if (failure != null) {
                onSaveFailed.saveFailed(lost != null ? lost : message, failure);
            }
        });
    }
}
