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
    /**
     * Held strongly from the first {@link #track} until collecting starts, then let go: an object as old as the
     * tracked ones (promoted with them), which only a collection that could free them frees.
     */
    private Object control;

    /** Tracks {@code object} under {@code label}; returns it. */
    public synchronized <T> T track(T object, String label) {
        if (control == null) {
            control = new Object();
        }
        refs.add(new WeakReference<>(object));
        labels.add(label);
        return object;
    }

    public synchronized int tracked() {
        return refs.size();
    }

    /**
     * Whether every tracked object has been reclaimed already, by the collections the JVM ran on its own,
     * waiting up to {@code patience} for one: no collection is forced, so nothing else in the JVM is stopped.
     */
    public boolean reclaimedWithin(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!reachable().isEmpty()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            LockSupport.parkNanos(10_000_000);
        }
        return true;
    }

    /**
     * Labels of the tracked objects still reachable after up to {@code bound} of collecting (usually a
     * single collection suffices; the loop is for collectors that clear references lazily: it stops as soon as
     * the control, an object as old as the tracked ones that nothing refers to, has been reclaimed). Empty also when
     * the collector proved nothing: an object nothing refers to was not reclaimed either (explicit collections
     * disabled, a collector that never frees), so a tracked object still there says nothing about the code.
     * Call it once: the control it collects is set up by the first {@link #track}.
     */
    public List<String> stillReachable(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        WeakReference<Object> control;
        synchronized (this) {
            control = new WeakReference<>(this.control);
            this.control = null;
        }
        List<String> left;
        // Few collections, spaced out: a full collection stops every thread of the JVM, other tests' included.
        // Once the control is gone, a collection that could free the tracked objects has run: no more are needed.
        do {
            left = collectAndLook();
        } while (!left.isEmpty() && control.get() != null && System.nanoTime() + 250_000_000L < deadline
                && sleepBetween());
        if (control.get() != null) {
            return List.of();
        }
        if (!left.isEmpty()) {
            // One more collection, begun after the control was seen gone: a concurrent collector (G1 with
            // -XX:+ExplicitGCInvokesConcurrent, ZGC, Shenandoah) keeps what was reachable when its cycle began, and
            // the cycle that freed the control may have begun before the tracked objects were let go. A cycle begun
            // now began after that; what it leaves is kept by the code.
            left = collectAndLook();
        }
        return left;
    }

    /** One collection, a moment for references to be cleared, and what is still tracked then. */
    private List<String> collectAndLook() {
        System.gc();
        LockSupport.parkNanos(50_000_000);
        return reachable();
    }

    private static boolean sleepBetween() {
        LockSupport.parkNanos(200_000_000);
        return true;
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

    /**
     * How many objects of {@code type} the code under test holds, reachable from {@code root} through its
     * fields: fields of classes in {@code root}'s package (and nested classes), the elements of collections and
     * maps (read through their public API, so any implementation works), arrays, and atomic references. The
     * search does not enter objects of {@code type} themselves. For bookkeeping that should be empty once all
     * work has finished: completed futures kept in a list are counted, however the code counts them itself.
     */
    public static int heldBy(Object root, Class<?> type) {
        String pkg = root.getClass().getPackageName();
        java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.ArrayDeque<Object> todo = new java.util.ArrayDeque<>();
        todo.add(root);
        int held = 0;
        while (!todo.isEmpty() && seen.size() < 100_000) {
            Object o = todo.poll();
            if (o == null || !seen.add(o)) {
                continue;
            }
            if (type.isInstance(o)) {
                held++;
                continue;
            }
            try {
                if (o instanceof java.util.Collection<?> c) {
                    todo.addAll(new ArrayList<>(c));
                } else if (o instanceof java.util.Map<?, ?> m) {
                    new ArrayList<>(m.entrySet()).forEach(e -> {
                        todo.add(e.getKey());
                        todo.add(e.getValue());
                    });
                } else if (o instanceof Object[] array) {
                    todo.addAll(java.util.Arrays.asList(array));
                } else if (o instanceof java.util.concurrent.atomic.AtomicReference<?> ref) {
                    todo.add(ref.get());
                } else if (o instanceof java.util.concurrent.atomic.AtomicReferenceArray<?> refs) {
                    for (int i = 0; i < refs.length(); i++) {
                        todo.add(refs.get(i));
                    }
                } else if (o.getClass().getPackageName().equals(pkg)) {
                    for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                        for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                            if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                                continue;
                            }
                            f.setAccessible(true);
                            todo.add(f.get(o));
                        }
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // unreadable: not counted
            }
        }
        return held;
    }
}
