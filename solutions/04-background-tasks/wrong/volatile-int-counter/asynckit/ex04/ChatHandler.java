// Known-wrong: "volatile makes it thread-safe": the saves in flight are counted in a volatile int. Each
// read and write is visible to every thread, but pending-- from two callbacks at the same moment is still
// read, change, write, and one of the two updates is lost.
// expect-mistake: unsafe-shared-state
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
    private volatile int pending;

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
        return pending;
    }

    public CompletableFuture<Void> close() {
        return CompletableFuture.allOf(saving.toArray(CompletableFuture[]::new));
    }

    private void saveInBackground(Message message) {
        CompletableFuture<Void> finished = store.save(message).handle((stored, failure) -> {
            if (failure != null) {
                onSaveFailed.saveFailed(message, failure);
            }
            return null;
        });
        pending++;
        saving.add(finished);
        finished.whenComplete((v, e) -> {
            saving.remove(finished);
            pending--;
        });
    }
}
