package asynckit.testkit;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The blocking twin of {@link AsyncService}, for thread-based exercises: each call parks the calling
 * thread for its latency (as a blocking HTTP client or JDBC driver would) and records which thread
 * made it. With a {@link Rendezvous}, a call blocks until enough calls are in flight together, or
 * fails with {@link NotConcurrentException} after the bound.
 */
public final class BlockingService extends SimulatedService<BlockingService> {
    private final Object gate = new Object();
    private boolean gateOpen;

    private BlockingService(String name) {
        super(name);
    }

    public static BlockingService named(String name) {
        return new BlockingService(name);
    }

    /** Blocks the calling thread for the key's latency, then returns {@code answer.get()}. */
    public <T> T call(String key, Supplier<T> answer) {
        Timeline.Handle handle = timeline().begin(label(key));
        long deadline = System.nanoTime() + latencyOf(key).toNanos();
        try {
            awaitRendezvous();
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(left);
            }
            T value = answer.get();
            handle.succeeded();
            return value;
        } catch (RuntimeException e) {
            handle.failed();
            throw e;
        }
    }

    private void awaitRendezvous() {
        Rendezvous needed = rendezvous();
        if (needed == null) {
            return;
        }
        long deadline = System.nanoTime() + needed.bound().toNanos();
        synchronized (gate) {
            gate.notifyAll();
            while (!gateOpen) {
                if (timeline().inFlight() >= needed.parties()) {
                    gateOpen = true;
                    gate.notifyAll();
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new NotConcurrentException(needed.explain(name(), timeline().peak()));
                }
                try {
                    java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(gate, Math.min(left, 5_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new NotConcurrentException("interrupted while waiting for the rendezvous");
                }
            }
        }
    }
}
