// Known-wrong: tracked and non-blocking, but a failed save is turned into success with
// exceptionally(e -> null), and the listener never hears that a message was lost.
// expect-mistake: lost-failure
package asynckit.ex04;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

public final class ChatHandler {
    private final MessageStore store;
    private final Assistant assistant;
    private final Set<CompletableFuture<Void>> saving = ConcurrentHashMap.newKeySet();

    public ChatHandler(MessageStore store, Assistant assistant, SaveFailureListener onSaveFailed) {
        this.store = store;
        this.assistant = assistant;
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
        return CompletableFuture.allOf(saving.toArray(CompletableFuture[]::new));
    }

    private void saveInBackground(Message message) {
        CompletableFuture<Void> finished = store.save(message).exceptionally(e -> null);
        saving.add(finished);
        finished.whenComplete((ignored, alsoIgnored) -> saving.remove(finished));
    }
}
