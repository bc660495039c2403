// Right, in another style: no set. A counter says how many saves are in flight, and close() is one
// "everything so far" future that grows with each save: idle = allOf(idle, this save, made never to fail).
// Only the latest such future is kept, complete once the saves have finished: one object, not a leak.
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

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicReference<CompletableFuture<Void>> idle =
            new AtomicReference<>(CompletableFuture.completedFuture(null));

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
        return inFlight.get();
    }

    public CompletableFuture<Void> close() {
        return idle.get();
    }

    private void saveInBackground(Message message) {
        inFlight.incrementAndGet();
        CompletableFuture<Void> finished = store.save(message).handle((stored, failure) -> {
            if (failure != null) {
                onSaveFailed.saveFailed(message, failure);
            }
            inFlight.decrementAndGet();
            return null;
        });
        idle.updateAndGet(before -> CompletableFuture.allOf(before, finished));
    }
}
