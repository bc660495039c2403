// Known-wrong: keeps every save it ever started in a list and counts the ones not done yet. The count is
// right at every moment, and the list grows with every message, for ever.
// expect-mistake: leaked-saves
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

    private final List<CompletableFuture<Void>> started = Collections.synchronizedList(new ArrayList<>());

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
        synchronized (started) {
            return (int) started.stream().filter(save -> !save.isDone()).count();
        }
    }

    public CompletableFuture<Void> close() {
        synchronized (started) {
            return CompletableFuture.allOf(started.stream()
                    .map(save -> save.handle((stored, failure) -> null))
                    .toArray(CompletableFuture[]::new));
        }
    }

    private void saveInBackground(Message message) {
        CompletableFuture<Void> save = store.save(message);
        started.add(save);
        save.whenComplete((stored, failure) -> {
            if (failure != null) {
                onSaveFailed.saveFailed(message, failure);
            }
        });
    }
}
