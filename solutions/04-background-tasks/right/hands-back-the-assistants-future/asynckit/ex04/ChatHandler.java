// Right, in another style: the assistant's own future is handed back as it is; the reply's save is
// started from a whenComplete on it. Saves are counted with an AtomicInteger and kept in a set.
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
        CompletableFuture<String> reply = assistant.reply(text);
        reply.whenComplete((answer, failure) -> {
            if (failure == null) {
                saveInBackground(Message.fromAssistant(answer));
            }
        });
        return reply;
    }

    public int pendingSaves() {
        return saving.size();
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
        saving.add(finished);
        finished.whenComplete((v, e) -> saving.remove(finished));
    }
}
