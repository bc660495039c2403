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
    private final Timeline timeline;
    private final List<Pending<T>> calls = new ArrayList<>();
    private final Waits waits;

    private record Pending<T>(String key, CompletableFuture<T> future, Timeline.Handle handle) {}

    public ManualService(String name) {
        this(name, new Timeline());
    }

    /**
     * A service that draws its calls on a timeline it shares with other services (and with lanes the
     * test adds itself), so one drawing shows everything that happened, in order.
     */
    public ManualService(String name, Timeline timeline) {
        this.name = name;
        this.timeline = timeline;
        this.waits = new Waits(name);
    }

    /** Every thread that parked waiting for one of this service's futures (or a stage derived from one). */
    public Waits waits() {
        return waits;
    }

    /**
     * Forgets the calls that have finished, so that the service itself keeps no reference to their futures
     * (a test that checks the code under test lets go of finished work calls this first).
     */
    public void forgetFinished() {
        synchronized (calls) {
            calls.removeIf(p -> !pending(p));
        }
    }

    private static boolean pending(Pending<?> p) {
        return p.future().state() == java.util.concurrent.Future.State.RUNNING;
    }

    public String name() {
        return name;
    }

    public Timeline timeline() {
        return timeline;
    }

    /** Starts a call that stays pending until {@link #complete} or {@link #fail} is called for its key. */
    public CompletableFuture<T> call(String key) {
        CompletableFuture<T> future = waits.future();
        // Under the lock that complete and fail take, so a test woken by the timeline finds the call.
        synchronized (calls) {
            calls.add(new Pending<>(key, future, timeline.begin(label(key))));
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

    /** The timeline label of a call with this key: {@code name(key)}. */
    public String label(String key) {
        return name + "(" + key + ")";
    }

    /** Keys of the calls still pending, in call order. */
    public List<String> pendingKeys() {
        synchronized (calls) {
            return calls.stream().filter(ManualService::pending).map(Pending::key).toList();
        }
    }

    /** Waits until a call with this key has been made; false if none was made in time. */
    public boolean awaitCall(String key, Duration timeout) {
        try {
            return timeline.awaitStarted(label(key), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** How many calls are still pending. */
    public int pending() {
        synchronized (calls) {
            return (int) calls.stream().filter(ManualService::pending).count();
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
            open = calls.stream().filter(ManualService::pending).toList();
        }
        for (Pending<T> call : open) {
            call.handle().succeeded();
            call.future().complete(answer.apply(call.key()));
        }
    }

    private Pending<T> take(String key) {
        synchronized (calls) {
            return calls.stream()
                    .filter(p -> p.key().equals(key) && pending(p))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "no pending call " + name + "(" + key + "); calls so far: " + keys()));
        }
    }
}
