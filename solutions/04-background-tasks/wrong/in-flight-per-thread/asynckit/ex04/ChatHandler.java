// Known-wrong: the asyncio habit of keeping "the tasks of this context" in a contextvar, as a
// ThreadLocal set. A save is added on the thread that starts it and removed on the thread that finishes
// it: fine while one thread does both, wrong as soon as saves finish on other threads.
// expect-mistake: lost-update
package asynckit.ex04;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

public final class ChatHandler {
    private final MessageStore store;
    private final Assistant assistant;
    private final SaveFailureListener onSaveFailed;

    private final ThreadLocal<Set<CompletableFuture<Void>>> saving = ThreadLocal.withInitial(ConcurrentHashMap::newKeySet);

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
        return saving.get().size();
    }

    public CompletableFuture<Void> close() {
        return CompletableFuture.allOf(saving.get().toArray(CompletableFuture[]::new));
    }

    private void saveInBackground(Message message) {
        CompletableFuture<Void> finished = store.save(message).handle((stored, failure) -> {
            if (failure != null) {
                onSaveFailed.saveFailed(message, failure);
            }
            return null;
        });
        saving.get().add(finished);
        finished.whenComplete((ignored, alsoIgnored) -> saving.get().remove(finished));
    }
}
