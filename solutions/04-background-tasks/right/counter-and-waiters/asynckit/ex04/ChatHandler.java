// Right, in another style: no set at all. An AtomicInteger counts the saves in flight; close() hands
// back a future that the last save to finish completes (or one already complete when none is running).
package asynckit.ex04;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

public final class ChatHandler {
    private final MessageStore store;
    private final Assistant assistant;
    private final SaveFailureListener onSaveFailed;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Queue<CompletableFuture<Void>> closing = new ConcurrentLinkedQueue<>();

    public ChatHandler(MessageStore store, Assistant assistant, SaveFailureListener onSaveFailed) {
        this.store = store;
        this.assistant = assistant;
        this.onSaveFailed = onSaveFailed;
    }

    public CompletableFuture<String> onMessage(String text) {
        save(Message.fromUser(text));
        return assistant.reply(text).thenApply(reply -> {
            save(Message.fromAssistant(reply));
            return reply;
        });
    }

    public int pendingSaves() {
        return inFlight.get();
    }

    public CompletableFuture<Void> close() {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        closing.add(closed);
        if (inFlight.get() == 0) {
            wakeClosers();
        }
        return closed;
    }

    private void save(Message message) {
        inFlight.incrementAndGet();
        store.save(message).whenComplete((stored, failure) -> {
            if (failure != null) {
                onSaveFailed.saveFailed(message, failure);
            }
            if (inFlight.decrementAndGet() == 0) {
                wakeClosers();
            }
        });
    }

    private void wakeClosers() {
        CompletableFuture<Void> closer;
        while ((closer = closing.poll()) != null) {
            closer.complete(null);
        }
    }
}
