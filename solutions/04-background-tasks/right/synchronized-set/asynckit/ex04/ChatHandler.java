// Right, in another style: a synchronized set guarded by its own lock for every compound step, and
// exceptionally() for the report (returning normally, so the tracked future never fails).
package asynckit.ex04;

import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

public final class ChatHandler {
    private final MessageStore store;
    private final Assistant assistant;
    private final SaveFailureListener onSaveFailed;
    private final Set<CompletableFuture<Void>> saving = Collections.synchronizedSet(new HashSet<>());

    public ChatHandler(MessageStore store, Assistant assistant, SaveFailureListener onSaveFailed) {
        this.store = store;
        this.assistant = assistant;
        this.onSaveFailed = onSaveFailed;
    }

    public CompletableFuture<String> onMessage(String text) {
        track(Message.fromUser(text));
        CompletableFuture<String> reply = assistant.reply(text);
        reply.thenAccept(answer -> track(Message.fromAssistant(answer)));
        return reply.thenApply(answer -> answer);
    }

    public int pendingSaves() {
        return saving.size();
    }

    public CompletableFuture<Void> close() {
        CompletableFuture<?>[] now;
        synchronized (saving) {
            now = saving.toArray(CompletableFuture[]::new);
        }
        return CompletableFuture.allOf(now);
    }

    private void track(Message message) {
        CompletableFuture<Void> settled = store.save(message).exceptionally(failure -> {
            onSaveFailed.saveFailed(message, failure);
            return null;
        });
        saving.add(settled);
        settled.whenComplete((v, e) -> saving.remove(settled));
    }
}
