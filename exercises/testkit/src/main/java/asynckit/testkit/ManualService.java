package asynckit.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A service whose calls stay pending until the test completes them: no clock involved, so a test can
 * check what code does while calls are outstanding (does it return at once? does it wait for all?)
 * with no timing at all. The test's thread runs whatever continuations a completion triggers.
 *
 * @param <T> the type of the answers
 */
public final class ManualService<T> {
    private final String name;
    private final Timeline timeline = new Timeline();
    private final List<Pending<T>> calls = new ArrayList<>();

    private record Pending<T>(String key, CompletableFuture<T> future, Timeline.Handle handle) {}

    public ManualService(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public Timeline timeline() {
        return timeline;
    }

    /** Starts a call that stays pending until {@link #complete} or {@link #fail} is called for its key. */
    public CompletableFuture<T> call(String key) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Timeline.Handle handle = timeline.begin(name + "(" + key + ")");
        synchronized (calls) {
            calls.add(new Pending<>(key, future, handle));
        }
        return future;
    }

    /** How many calls have been made so far. */
    public int callCount() {
        synchronized (calls) {
            return calls.size();
        }
    }

    /** Keys of every call made so far, in call order. */
    public List<String> keys() {
        synchronized (calls) {
            return calls.stream().map(Pending::key).toList();
        }
    }

    /** How many calls are still pending. */
    public int pending() {
        synchronized (calls) {
            return (int) calls.stream().filter(p -> !p.future().isDone()).count();
        }
    }

    /** Waits until at least {@code count} calls were made; false if that did not happen in time. */
    public boolean awaitCalls(int count, Duration timeout) {
        try {
            return timeline.awaitStarted(count, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Completes the oldest pending call with this key. */
    public void complete(String key, T value) {
        Pending<T> call = take(key);
        call.handle().succeeded();
        call.future().complete(value);
    }

    /** Fails the oldest pending call with this key. */
    public void fail(String key, Throwable failure) {
        Pending<T> call = take(key);
        call.handle().failed();
        call.future().completeExceptionally(failure);
    }

    /** Completes every pending call with the given answer for its key; used to clean up after a test. */
    public void completeAll(java.util.function.Function<String, T> answer) {
        List<Pending<T>> open;
        synchronized (calls) {
            open = calls.stream().filter(p -> !p.future().isDone()).toList();
        }
        for (Pending<T> call : open) {
            call.handle().succeeded();
            call.future().complete(answer.apply(call.key()));
        }
    }

    private Pending<T> take(String key) {
        synchronized (calls) {
            return calls.stream()
                    .filter(p -> p.key().equals(key) && !p.future().isDone())
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "no pending call " + name + "(" + key + "); calls so far: " + keys()));
        }
    }
}
