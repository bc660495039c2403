package asynckit.testkit;

import asynckit.testkit.internal.Stacks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Catches, at run time, a thread held inside the learner's code: asleep ({@code Thread.sleep}, a timed
 * park), waiting (a {@code join}, a {@code get}, a latch, a lock) or spinning. The static blocking-call
 * rule says that such a call is written somewhere; this says which thread it held, and where, while the
 * test watched: the caller, a thread that completed a future, a scheduler's thread or a pool thread.
 *
 * <pre>{@code
 * StuckInCode watch = StuckInCode.in(LESSON);
 * StuckInCode.Watched<CompletableFuture<String>> call =
 *         watch.run("caller", TimeScale.millis(1_000), () -> retrier.call(operation));
 * if (call.stuck() != null) {
 *     throw BLOCKED_CALLER.report().saw(call.stuck().describe()).detail(call.stuck().where()).failure();
 * }
 * }</pre>
 *
 * <p>A thread is judged by its state and its stack. Parked or sleeping with a frame of the watched code
 * below a waiting call of the JDK ({@code sleep}, {@code join}, {@code get}, {@code await}, {@code wait},
 * {@code take}, or a {@code park} the watched code made itself) is conclusive at the first look: right
 * code never does it. Any other wait inside the watched code (a lock deep in the JDK) counts once it has
 * lasted {@link #patience()}; running the same method of the watched code for {@link #spinPatience()}
 * counts as spinning. Only frames are compared, by class name, so a test that scans every thread of the
 * JVM ({@link #everywhere()}) may also see other code of the same name; attribute such a sighting to a
 * thread the test has other evidence about.
 */
public final class StuckInCode {

    /** How a thread was held. */
    public enum How {
        SLEEPING("asleep"),
        WAITING("waiting (a join, a get, a latch or a lock)"),
        SPINNING("spinning (running the same code over and over)"),
        RUNNING("running your code");

        private final String words;

        How(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** One thread seen held inside the watched code. */
    public record Sighting(String thread, How how, Thread.State state, StackTraceElement[] stack, long atNanos) {
        /** One sentence: which thread, how, and the line of the watched code. */
        public String describe() {
            StackTraceElement culprit = Stacks.culprit(stack);
            return "thread '" + thread + "' was " + how.words() + " inside your code"
                    + (culprit == null ? "" : ", at " + culprit);
        }

        /** The stack excerpt: the JDK call it was stuck in and the watched frames below it. */
        public String where() {
            return "Where thread '" + thread + "' was:\n" + Stacks.excerpt(stack);
        }
    }

    /**
     * How an action run on a watched thread ended: with a value, with an exception, stuck inside the
     * watched code, or still running (not stuck in a way the watch can name) when the bound ran out.
     */
    public record Watched<T>(T value, Throwable thrown, Sighting stuck, boolean timedOut, Thread thread) {
        public boolean finished() {
            return stuck == null && !timedOut;
        }
    }

    private static final Set<String> WAITING_CALLS = Set.of(
            "java.lang.Thread.sleep", "java.lang.Thread.sleepNanos", "java.lang.Thread.sleep0",
            "java.util.concurrent.TimeUnit.sleep", "java.lang.Thread.join", "java.lang.Object.wait",
            "java.lang.Object.wait0", "java.util.concurrent.CompletableFuture.join",
            "java.util.concurrent.CompletableFuture.get", "java.util.concurrent.FutureTask.get",
            "java.util.concurrent.CountDownLatch.await", "java.util.concurrent.CyclicBarrier.await",
            "java.util.concurrent.Semaphore.acquire", "java.util.concurrent.Phaser.awaitAdvance",
            "java.util.concurrent.Exchanger.exchange");
    private static final Set<String> SLEEPING_CALLS = Set.of(
            "java.lang.Thread.sleep", "java.lang.Thread.sleepNanos", "java.lang.Thread.sleep0",
            "java.util.concurrent.TimeUnit.sleep");
    private static final long LOOK_NANOS = 1_000_000;

    /** The watched classes' names, each with its class loader's name (null when the loader has none). */
    private final Map<String, String> classNames;
    private final Duration patience = TimeScale.millis(200);
    private final Duration spinPatience = TimeScale.millis(200);

    private StuckInCode(Map<String, String> classNames) {
        this.classNames = classNames;
    }

    /**
     * Watches the code of these classes (and their nested classes and lambdas). Where implementations of one
     * exercise run side by side in one JVM (the self-test), each under a class loader of its own name, a frame
     * counts only if its loader has the name of the watched class's loader.
     */
    public static StuckInCode inClasses(Collection<Class<?>> classes) {
        Map<String, String> names = new java.util.HashMap<>();
        for (Class<?> c : classes) {
            names.put(c.getName(), c.getClassLoader() == null ? null : c.getClassLoader().getName());
        }
        return new StuckInCode(names);
    }

    /** Watches the classes the lesson's learner writes. */
    public static StuckInCode in(Lesson lesson) {
        return inClasses(lesson.learnerClasses());
    }

    /** How long an inconclusive wait inside the watched code must last to count (200 ms, scaled). */
    public Duration patience() {
        return patience;
    }

    /** How long the watched code must keep a thread running in one method to count as spinning (200 ms, scaled). */
    public Duration spinPatience() {
        return spinPatience;
    }

    /** Whether this frame belongs to the watched code. */
    public boolean isWatched(StackTraceElement frame) {
        String cls = frame.getClassName();
        int nested = cls.indexOf('$');
        String outer = nested < 0 ? cls : cls.substring(0, nested);
        if (!classNames.containsKey(outer)) {
            return false;
        }
        String loader = classNames.get(outer);
        return loader == null || loader.equals(frame.getClassLoaderName());
    }

    /**
     * The index of the first frame of the watched code, if every frame above it is the JDK's: a wait in
     * code the watched code called back into (the test's own operation, a testkit scheduler) is not the
     * watched code's doing. -1 otherwise.
     */
    private int firstWatched(StackTraceElement[] stack) {
        for (int i = 0; i < stack.length; i++) {
            if (isWatched(stack[i])) {
                return i;
            }
            String cls = stack[i].getClassName();
            if (!(cls.startsWith("java.") || cls.startsWith("javax.") || cls.startsWith("jdk.")
                    || cls.startsWith("sun."))) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * One look at {@code thread}: a sighting if it is, right now, parked or sleeping in a waiting call made
     * from the watched code (conclusive); empty otherwise. Waits and spins that need watching over time are
     * found by {@link #run} and {@link #everywhere()}.
     */
    public Optional<Sighting> look(Thread thread) {
        return conclusive(thread.getName(), thread.getState(), thread.getStackTrace());
    }

    private Optional<Sighting> conclusive(String name, Thread.State state, StackTraceElement[] stack) {
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return Optional.empty();
        }
        int watched = firstWatched(stack);
        if (watched < 0) {
            return Optional.empty();
        }
        boolean sleeping = false;
        boolean waiting = false;
        for (int i = 0; i < watched; i++) {
            String call = stack[i].getClassName() + "." + stack[i].getMethodName();
            sleeping |= SLEEPING_CALLS.contains(call);
            waiting |= WAITING_CALLS.contains(call) || stack[i].getClassName().endsWith("BlockingQueue")
                    || stack[i].getClassName().endsWith("BlockingDeque");
        }
        // A park the watched code made itself: LockSupport.park* directly below the watched frame.
        if (watched >= 1 && stack[watched - 1].getClassName().equals("java.util.concurrent.locks.LockSupport")) {
            sleeping |= stack[watched - 1].getMethodName().startsWith("parkNanos")
                    || stack[watched - 1].getMethodName().startsWith("parkUntil");
            waiting = true;
        }
        if (!sleeping && !waiting) {
            return Optional.empty();
        }
        return Optional.of(new Sighting(name, sleeping ? How.SLEEPING : How.WAITING, state, stack, System.nanoTime()));
    }

    /** Follows one thread over several looks: inconclusive waits and spins count once they have lasted. */
    private final class Follower {
        private final Duration waitFor;
        private final Duration spinFor;
        private String method;
        private How how;
        private long since;

        Follower(Duration waitFor, Duration spinFor) {
            this.waitFor = waitFor;
            this.spinFor = spinFor;
        }

        Optional<Sighting> look(String name, Thread.State state, StackTraceElement[] stack) {
            Optional<Sighting> sure = conclusive(name, state, stack);
            if (sure.isPresent()) {
                return sure;
            }
            int watched = firstWatched(stack);
            How now = null;
            if (watched >= 0 && (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                    || state == Thread.State.BLOCKED)) {
                now = How.WAITING;
            } else if (watched >= 0 && watched <= 3 && state == Thread.State.RUNNABLE) {
                now = How.SPINNING;
            }
            if (now == null) {
                method = null;
                return Optional.empty();
            }
            String at = stack[watched].getClassName() + "." + stack[watched].getMethodName();
            long t = System.nanoTime();
            if (!at.equals(method) || now != how) {
                method = at;
                how = now;
                since = t;
                return Optional.empty();
            }
            long needed = (now == How.SPINNING ? spinFor : waitFor).toNanos();
            return t - since >= needed ? Optional.of(new Sighting(name, now, state, stack, t)) : Optional.empty();
        }
    }

    /**
     * Runs {@code action} on a new daemon thread named {@code name} and waits for it, looking at the thread
     * every millisecond. Returns as soon as the action ends, or the thread is seen held inside the watched
     * code, or {@code bound} has passed.
     */
    public <T> Watched<T> run(String name, Duration bound, Callable<T> action) {
        return run(name, bound, action, () -> false);
    }

    /** As {@link #run(String, Duration, Callable)}, giving up early (as timed out) as soon as {@code giveUp} holds. */
    public <T> Watched<T> run(String name, Duration bound, Callable<T> action, BooleanSupplier giveUp) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(action.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        Follower follower = new Follower(patience, spinPatience);
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            try {
                return new Watched<>(result.get(LOOK_NANOS, TimeUnit.NANOSECONDS), null, null, false, thread);
            } catch (ExecutionException e) {
                return new Watched<>(null, e.getCause(), null, false, thread);
            } catch (TimeoutException e) {
                Optional<Sighting> seen = follower.look(name, thread.getState(), thread.getStackTrace());
                if (seen.isPresent() && !result.isDone()) {
                    return new Watched<>(null, null, seen.get(), false, thread);
                }
                if (System.nanoTime() > deadline || giveUp.getAsBoolean()) {
                    return new Watched<>(null, null, null, true, thread);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while watching " + name, e);
            }
        }
    }

    /**
     * A recorder of every platform thread of the JVM: call {@link Everywhere#look()} while waiting for
     * something (or {@link Everywhere#lookEveryMillisecond()}), then ask what a given thread was seen doing.
     * A wait or a spin counts here once it has lasted {@code patience}: the recorder serves to attribute an
     * event the test has other evidence about (an attempt that started by itself) to what its thread did
     * just before. Virtual threads are not seen.
     */
    public Everywhere everywhere(Duration patience) {
        return new Everywhere(patience);
    }

    /** Sightings of every thread, gathered look by look. */
    public final class Everywhere implements AutoCloseable {
        private final Duration everywherePatience;
        private final Map<Thread, Follower> followers = new java.util.HashMap<>();
        private final List<Sighting> seen = new ArrayList<>();
        private final List<Sighting> inCode = new ArrayList<>();
        private volatile Thread looker;

        private Everywhere(Duration patience) {
            this.everywherePatience = patience;
        }

        /** Looks at every thread every millisecond, on a daemon thread of its own, until {@link #close()}. */
        public synchronized Everywhere lookEveryMillisecond() {
            if (looker == null) {
                looker = new Thread(() -> {
                    while (looker == Thread.currentThread()) {
                        look();
                        java.util.concurrent.locks.LockSupport.parkNanos(LOOK_NANOS);
                    }
                }, "stuck-in-code-watch");
                looker.setDaemon(true);
                looker.start();
            }
            return this;
        }

        /** Whether a {@link #lookEveryMillisecond()} thread is looking. */
        public boolean isLooking() {
            return looker != null;
        }

        /** Stops looking (the sightings so far are kept). */
        @Override
        public void close() {
            looker = null;
        }

        /** Looks at every thread once. */
        public synchronized void look() {
            for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                Thread t = e.getKey();
                if (t == Thread.currentThread() || t == looker) {
                    continue;
                }
                Thread.State state = t.getState();
                StackTraceElement[] stack = e.getValue();
                followers.computeIfAbsent(t, x -> new Follower(everywherePatience, everywherePatience))
                        .look(t.getName(), state, stack)
                        .ifPresent(seen::add);
                if (firstWatched(stack) >= 0) {
                    inCode.add(new Sighting(t.getName(), state == Thread.State.RUNNABLE ? How.RUNNING : How.WAITING,
                            state, stack, System.nanoTime()));
                }
            }
        }

        /** What the threads with this name were seen doing, first sighting first. */
        public synchronized List<Sighting> of(String threadName) {
            return seen.stream().filter(s -> s.thread().equals(threadName)).toList();
        }

        /** Every look that found the thread with this name inside the watched code, whatever it was doing. */
        public synchronized List<Sighting> inCodeOf(String threadName) {
            return inCode.stream().filter(s -> s.thread().equals(threadName)).toList();
        }

        /** The names of every thread seen held, in the order first seen. */
        public synchronized List<String> threads() {
            return seen.stream().map(Sighting::thread).distinct().collect(Collectors.toList());
        }
    }
}
