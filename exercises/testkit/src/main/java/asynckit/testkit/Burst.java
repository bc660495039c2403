package asynckit.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Completes many calls at the same instant from several threads, round after round: the way to make a
 * race in the code under test show. Every simulated service completes its futures on one thread, so
 * code that counts completions in a plain {@code int} or keeps pending work in a plain {@code HashSet}
 * is never raced there; here each round's actions run on {@code threads} completer threads that wait at
 * a spinning barrier and are released together, so the callbacks they trigger run at the same time.
 *
 * <pre>{@code
 * try (Burst burst = Burst.of(4)) {
 *     for (int round = 0; round < 300; round++) {
 *         ... call the code, collect one completion per call ...
 *         burst.fire(completions);     // all of them at once, on 4 threads; returns when all have run
 *         ... check the result of this round ...
 *     }
 * }
 * }</pre>
 *
 * <p>On a machine with few cores two threads overlap only for a moment per round, so a race that needs a
 * narrow window may stay hidden: pair this with {@link SharedState}, the static second signal.
 */
public final class Burst implements AutoCloseable {
    private final int threads;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile List<Runnable> actions = List.of();
    private volatile int round;
    private volatile int released = -1;
    private volatile boolean running = true;

    private Burst(int threads) {
        if (threads < 2) {
            throw new IllegalArgumentException("a burst needs at least 2 threads");
        }
        this.threads = threads;
        for (int i = 0; i < threads; i++) {
            int me = i;
            Thread t = new Thread(() -> work(me), "completer-" + (i + 1));
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /** {@code threads} completer threads (2 or more), ready for {@link #fire}. */
    public static Burst of(int threads) {
        return new Burst(threads);
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs every action, spread over the completer threads (action i on thread i mod N), with all threads
     * released at the same instant; returns once every action has run. An exception thrown by an action
     * (the code under test's callback, run by the completion) is rethrown here.
     */
    public void fire(List<Runnable> batch) {
        arrived.set(0);
        finished.set(0);
        actions = List.copyOf(batch);
        int r = ++round;
        workers.forEach(LockSupport::unpark);
        long deadline = System.nanoTime() + TimeScale.millis(5_000).toNanos();
        while (finished.get() < threads) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the completions did not all run within 5 s: a callback is stuck");
            }
            LockSupport.parkNanos(20_000);
        }
        Throwable t = failure.getAndSet(null);
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }

    /** {@code rounds} rounds: each asks {@code round} for its actions and fires them. */
    public void rounds(int rounds, IntFunction<List<Runnable>> round) {
        for (int i = 0; i < rounds; i++) {
            fire(round.apply(i));
        }
    }

    private void work(int me) {
        int seen = 0;
        while (running) {
            // Wait for the next round to be set up, then report ready.
            while (running && round == seen) {
                LockSupport.parkNanos(1_000_000); // woken by fire()
            }
            if (!running) {
                return;
            }
            int r = round;
            seen = r;
            List<Runnable> mine = new ArrayList<>();
            List<Runnable> all = actions;
            for (int i = me; i < all.size(); i += threads) {
                mine.add(all.get(i));
            }
            // The spinning barrier among the completers only (the coordinator sleeps meanwhile, so on a
            // 2-core machine 2 completers have a core each): the last to arrive releases the others, and every
            // thread leaves it within a few hundred nanoseconds of the others.
            if (arrived.incrementAndGet() == threads) {
                released = r;
            }
            for (int spins = 0; running && released != r; spins++) {
                if (spins < 20_000) {
                    Thread.onSpinWait(); // about a millisecond: a completer woken on another core arrives long before
                } else {
                    // More completers than free cores: spinning longer only keeps the others off the core they need.
                    Thread.yield();
                }
            }
            for (Runnable action : mine) {
                try {
                    action.run();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }
            finished.incrementAndGet();
        }
    }

    @Override
    public void close() {
        running = false;
        workers.forEach(LockSupport::unpark);
    }
}
