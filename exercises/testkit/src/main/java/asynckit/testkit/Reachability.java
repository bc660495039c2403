package asynckit.testkit;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Checks that finished work is forgotten for real: the test tracks objects the code under test was handed
 * or handed out (a call's future, a message) with weak references, lets go of its own references, and
 * then asks the garbage collector, for a bounded time, to reclaim them. Whatever is still reachable is
 * being kept by the code under test (the test made sure nothing else holds it). Counts that the code
 * computes itself ({@code pendingSaves()} from {@code isDone()}) cannot hide such a leak.
 */
public final class Reachability {
    private final List<WeakReference<Object>> refs = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();

    /** Tracks {@code object} under {@code label}; returns it. */
    public synchronized <T> T track(T object, String label) {
        refs.add(new WeakReference<>(object));
        labels.add(label);
        return object;
    }

    public synchronized int tracked() {
        return refs.size();
    }

    /**
     * Labels of the tracked objects still reachable after up to {@code bound} of collecting (usually a
     * single collection suffices; the loop is for collectors that clear references lazily).
     */
    public List<String> stillReachable(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        List<String> left;
        do {
            System.gc();
            LockSupport.parkNanos(10_000_000);
            left = reachable();
        } while (!left.isEmpty() && System.nanoTime() < deadline);
        return left;
    }

    private synchronized List<String> reachable() {
        List<String> left = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            if (refs.get(i).get() != null) {
                left.add(labels.get(i));
            }
        }
        return left;
    }
}
