// Known-wrong: "keep every background task", asyncio style: the reply's future goes into the set of
// work in flight too, so pendingSaves() counts an unanswered question as a save.
// expect-mistake: counted-not-a-save
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

    private final Set<CompletableFuture<?>> tasks = ConcurrentHashMap.newKeySet();

    public ChatHandler(MessageStore store, Assistant assistant, SaveFailureListener onSaveFailed) {
        this.store = store;
        this.assistant = assistant;
        this.onSaveFailed = onSaveFailed;
    }


    public CompletableFuture<String> onMessage(String text) {
        saveInBackground(Message.fromUser(text));
        CompletableFuture<String> reply = assistant.reply(text).thenApply(answer -> {
            saveInBackground(Message.fromAssistant(answer));
            return answer;
        });
        CompletableFuture<Object> settled = reply.handle((answer, failure) -> null);
        tasks.add(settled);
        settled.whenComplete((v, e) -> tasks.remove(settled));
        return reply;
    }

    public int pendingSaves() {
        return tasks.size();
    }

    public CompletableFuture<Void> close() {
        return CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new));
    }

    private void saveInBackground(Message message) {
        CompletableFuture<Void> finished = store.save(message).handle((stored, failure) -> {
            if (failure != null) {
                onSaveFailed.saveFailed(message, failure);
            }
            return null;
        });
        tasks.add(finished);
        finished.whenComplete((v, e) -> tasks.remove(finished));
    }
}
