// Known-wrong: "onMessage must not block, so let a pool thread wait for the reply": returns at once, but
// a common-pool thread sits parked in join() for as long as the assistant thinks.
// expect-mistake: blocked-a-pool-thread
// expect-mistake: blocking-wait-on-future
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

    private final Set<CompletableFuture<Void>> saving = ConcurrentHashMap.newKeySet();

    public ChatHandler(MessageStore store, Assistant assistant, SaveFailureListener onSaveFailed) {
        this.store = store;
        this.assistant = assistant;
        this.onSaveFailed = onSaveFailed;
    }


    public CompletableFuture<String> onMessage(String text) {
        saveInBackground(Message.fromUser(text));
        CompletableFuture<String> asked = assistant.reply(text);
        return CompletableFuture.supplyAsync(() -> {
            String reply = asked.join();
            saveInBackground(Message.fromAssistant(reply));
            return reply;
        });
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
        finished.whenComplete((ignored, alsoIgnored) -> saving.remove(finished));
    }
}
