// Known-wrong: close() lets a pool thread join allOf(...) of the saves: it returns at once and waits for
// the right saves, but a common-pool thread sits parked until the last one has finished.
// expect-mistake: blocked-a-pool-thread
// expect-mistake: blocking-wait-on-future
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
        CompletableFuture<?>[] now = saving.toArray(CompletableFuture[]::new);
        return CompletableFuture.runAsync(() -> CompletableFuture.allOf(now).join());
    }

    private void saveInBackground(Message message) {
        CompletableFuture<Void> finished = store.save(message).handle((stored, failure) -> {
            if (failure != null) {
                onSaveFailed.saveFailed(message, failure);
            }
            return null;
        });
        saving.add(finished);
        finished.whenComplete((v, e) -> saving.remove(finished));
    }
}
