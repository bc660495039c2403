package asynckit.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A simulated remote service with latency that blocks no thread: each call returns a future at once,
 * and one scheduler thread (named {@code sim-NAME}) completes it when its latency has passed. Every
 * call is recorded in a {@link Timeline}.
 *
 * <pre>{@code
 * AsyncService pages = AsyncService.named("fetch")
 *         .latency(TimeScale.millis(300))
 *         .rendezvous(Rendezvous.of(3));
 * CompletableFuture<String> page = pages.call("a", () -> "<html>a</html>");
 * }</pre>
 *
 * <p>Continuations that the code under test attaches without an executor run on the scheduler thread,
 * just as they would on an HTTP client's thread: blocking there stalls every other call of the service.
 */
public final class AsyncService extends SimulatedService<AsyncService> implements AutoCloseable {
    private final ScheduledThreadPoolExecutor scheduler;
    private final Map<String, Supplier<? extends Throwable>> failures = new ConcurrentHashMap<>();
    private final List<Runnable> held = new ArrayList<>();
    private boolean gateOpen;
    private final Waits waits;

    private AsyncService(String name) {
        super(name);
        this.waits = new Waits(name);
        this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sim-" + name);
            t.setDaemon(true);
            return t;
        });
        this.scheduler.setKeepAliveTime(1, TimeUnit.SECONDS);
        this.scheduler.allowCoreThreadTimeOut(true);
        this.scheduler.setRemoveOnCancelPolicy(true);
    }

    public static AsyncService named(String name) {
        return new AsyncService(name);
    }

    /** Calls with this key fail (after their latency) with the supplied exception. */
    public AsyncService failing(String key, Supplier<? extends Throwable> failure) {
        failures.put(key, failure);
        return this;
    }

    /** Starts a call; the future completes with {@code answer.get()} after the key's latency. */
    public <T> CompletableFuture<T> call(String key, Supplier<T> answer) {
        CompletableFuture<T> future = waits.future();
        Timeline.Handle handle = timeline().begin(label(key));
        long started = System.nanoTime();
        Duration latency = latencyOf(key);
        Runnable finish = () -> {
            Supplier<? extends Throwable> failure = failures.get(key);
            if (failure != null) {
                handle.failed();
                future.completeExceptionally(failure.get());
                return;
            }
            T value;
            try {
                value = answer.get();
            } catch (RuntimeException e) {
                handle.failed();
                future.completeExceptionally(e);
                return;
            }
            handle.succeeded();
            future.complete(value);
        };
        Runnable release = () -> {
            long left = latency.toNanos() - (System.nanoTime() - started);
            scheduler.schedule(finish, Math.max(0, left), TimeUnit.NANOSECONDS);
        };
        Rendezvous gate = rendezvous();
        if (gate == null) {
            release.run();
            return future;
        }
        synchronized (held) {
            if (gateOpen) {
                release.run();
                return future;
            }
            held.add(release);
            if (timeline().inFlight() >= gate.parties()) {
                gateOpen = true;
                held.forEach(Runnable::run);
                held.clear();
                return future;
            }
        }
        scheduler.schedule(() -> {
            boolean stillHeld;
            synchronized (held) {
                stillHeld = held.remove(release);
            }
            if (stillHeld) {
                handle.failed();
                future.completeExceptionally(new NotConcurrentException(gate.explain(name(), timeline().peak())));
            }
        }, gate.bound().toNanos(), TimeUnit.NANOSECONDS);
        return future;
    }

    /** Every thread that parked waiting for one of this service's futures (or a stage derived from one). */
    public Waits waits() {
        return waits;
    }

    /** Whether the rendezvous (if any) was reached. */
    public boolean rendezvousReached() {
        synchronized (held) {
            return rendezvous() == null || gateOpen;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
