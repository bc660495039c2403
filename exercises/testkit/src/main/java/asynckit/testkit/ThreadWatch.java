package asynckit.testkit;

import asynckit.testkit.internal.OwnTime;
import asynckit.testkit.internal.Sneaky;
import asynckit.testkit.internal.Stacks;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The kit's one watcher of threads: which thread is held inside the learner's code, how (asleep, waiting
 * for a future, a latch or a lock, or spinning), and where, with its stack. The static blocking-call rule
 * says that such a call is written somewhere; this says which thread it held while the test watched: the
 * caller, the thread that completed a future and so ran the learner's callbacks, a scheduler's thread, or a
 * pool thread inside {@code supplyAsync(() -> other.join())}.
 *
 * <pre>{@code
 * ThreadWatch watch = ThreadWatch.of(LESSON);
 * CompletableFuture<Profile> result = watch.promptly(BLOCKED_CALLER, "load(ada)", bound, () -> loader.load("ada"), timeline);
 * watch.run("caller", bound, () -> retrier.call(op)).held();           // a Sighting, or null
 * watch.watch(apiThread, task::isDone, bound);                          // one thread while it runs a step
 * watch.awaitAny(window, callers::contains);                            // any of these threads, for a window
 * watch.everywhere(patience).lookEveryMillisecond();                    // a record of every thread, to explain later
 * }</pre>
 *
 * <p>How a thread is judged, from its state and its stack ({@link LearnerCode#heldBy}: the learner's frame
 * must be the first below the JDK's frames):
 * <ul>
 *   <li>parked or sleeping in a waiting call of the JDK ({@code sleep}, {@code join}, {@code get},
 *       {@code await}, {@code wait}, {@code take}, or a {@code park} the learner made itself): conclusive at
 *       the first look, because right code never does it;</li>
 *   <li>any other wait there (a lock deep in the JDK): once it has lasted {@link #patience()};</li>
 *   <li>running the same method of the learner's code for {@link #patience()} <em>and</em> using half of
 *       that in CPU time meanwhile: spinning (a thread that is merely preempted on a loaded machine uses no
 *       CPU; a spinning one gets there, later on a loaded machine).</li>
 * </ul>
 * Nothing is ever judged on elapsed time alone, so right code on a loaded machine is never reported.
 */
public final class ThreadWatch {

    /** How a thread was held. */
    public enum How {
        SLEEPING("asleep"),
        WAITING("waiting (a join, a get, a latch or a lock)"),
        SPINNING("spinning (running the same code over and over)"),
        /** Still running, not in a way the watch can name (the bound ran out), or seen inside the learner's code. */
        RUNNING("running your code");

        private final String words;

        How(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        /** Parked or asleep, as opposed to using the CPU. */
        public boolean parked() {
            return this == SLEEPING || this == WAITING;
        }
    }

    /** One thread seen held inside the learner's code: how, in which state, for how long, and its stack. */
    public record Sighting(String thread, How how, Thread.State state, long millis, StackTraceElement[] stack,
                           long atNanos) {
        /** One sentence: which thread, how, for how long, and the line of the learner's code. */
        public String describe() {
            StackTraceElement culprit = culprit();
            return "thread '" + thread + "' was " + how.words() + " inside your code"
                    + (millis > 0 ? " for " + millis + " ms" : "") + (culprit == null ? "" : ", at " + culprit);
        }

        /** The line of the learner's code the thread was held at (null for an empty stack). */
        public StackTraceElement culprit() {
            return stack.length == 0 ? null : Stacks.culprit(stack);
        }

        /** The stack, cut to the JDK call and the learner's frames below it. */
        public String excerpt() {
            return Stacks.excerpt(stack);
        }

        /** {@code Where thread 'x' was:} and the {@link #excerpt()}. */
        public String where() {
            return "Where thread '" + thread + "' was:\n" + excerpt();
        }
    }

    /**
     * How an action run on a watched thread ended: with a value, with an exception, held inside the
     * learner's code, or still running (not held in a way the watch can name) when the bound ran out.
     */
    public record Outcome<T>(T value, Throwable thrown, Sighting held, boolean timedOut, Thread thread) {
        public boolean finished() {
            return held == null && !timedOut;
        }
    }

    private static final long LOOK_NANOS = 1_000_000;
    private static final long RUNNING_LOOK_NANOS = 10_000_000;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private final LearnerCode code;
    private final Duration patience;

    private ThreadWatch(LearnerCode code, Duration patience) {
        this.code = code;
        this.patience = patience;
    }

    /** Watches the classes the lesson's learner writes (see {@link LearnerCode#of(Lesson)}). */
    public static ThreadWatch of(Lesson lesson) {
        return of(LearnerCode.of(lesson));
    }

    public static ThreadWatch of(LearnerCode code) {
        return new ThreadWatch(code, TimeScale.millis(200));
    }

    /** The same watch, counting inconclusive waits and spins after {@code patience} instead. */
    public ThreadWatch withPatience(Duration patience) {
        return new ThreadWatch(code, patience);
    }

    /** How long an inconclusive wait or a spin inside the learner's code must last to count (200 ms, scaled). */
    public Duration patience() {
        return patience;
    }

    public LearnerCode code() {
        return code;
    }

    /**
     * Whether {@code stack} waits for a future: {@code CompletableFuture.join/get}, {@code Future.get},
     * {@code ForkJoinTask.join}, at its top (whoever's code made the call).
     */
    public static boolean waitsForAFuture(StackTraceElement[] stack) {
        return Stacks.waiting(stack) == Stacks.Waiting.FUTURE;
    }

    // ---------------------------------------------------------------------------------------------
    // Looking at threads

    /**
     * One look at {@code thread}: a sighting if it is, right now, parked or asleep in a waiting call made
     * by the learner's code (conclusive); empty otherwise. Waits and spins that need watching over time are
     * found by the other methods.
     */
    public Optional<Sighting> look(Thread thread) {
        return conclusive(nameOf(thread), thread.getState(), thread.getStackTrace());
    }

    /** The thread's name, or for an unnamed one (most virtual threads) what it is: {@code a virtual thread #42}. */
    static String nameOf(Thread thread) {
        String name = thread.getName();
        return !name.isEmpty() ? name : (thread.isVirtual() ? "a virtual thread #" : "an unnamed thread #") + thread.threadId();
    }

    private Optional<Sighting> conclusive(String name, Thread.State state, StackTraceElement[] stack) {
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return Optional.empty();
        }
        int held = code.heldBy(stack);
        if (held < 0) {
            return Optional.empty();
        }
        return switch (Stacks.waiting(stack, held)) {
            case NONE -> Optional.empty();
            case SLEEP -> Optional.of(new Sighting(name, How.SLEEPING, state, 0, stack, System.nanoTime()));
            case FUTURE, OTHER -> Optional.of(new Sighting(name, How.WAITING, state, 0, stack, System.nanoTime()));
        };
    }

    private static boolean parked(Thread.State state) {
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED;
    }

    /** Follows one thread over several looks: inconclusive waits and spins count once they have lasted. */
    private final class Follower {
        private final Duration needed;
        private String method;
        private How how;
        private long since;
        private long cpuSince;

        Follower(Duration needed) {
            this.needed = needed;
        }

        private long lastRunnableLook;

        /**
         * Looks at {@code thread} if it is worth a stack trace: a parked thread at once (conclusive evidence is
         * cheap to take from a parked thread), a running one every {@link #RUNNING_LOOK_NANOS} (taking a running
         * thread's stack stops it for a moment, which right code on a loaded machine should not pay for every
         * millisecond).
         */
        Optional<Sighting> lookAt(Thread thread) {
            Thread.State state = thread.getState();
            if (state == Thread.State.RUNNABLE) {
                long now = System.nanoTime();
                if (now - lastRunnableLook < RUNNING_LOOK_NANOS) {
                    return Optional.empty();
                }
                lastRunnableLook = now;
            } else if (!parked(state)) {
                return Optional.empty();
            }
            return look(thread, state, thread.getStackTrace());
        }

        /** Whether the thread is being followed: seen held, not yet for long enough. */
        boolean following() {
            return method != null;
        }

        Optional<Sighting> look(Thread thread, Thread.State state, StackTraceElement[] stack) {
            Optional<Sighting> sure = conclusive(nameOf(thread), state, stack);
            if (sure.isPresent()) {
                return sure;
            }
            int held = code.heldBy(stack);
            How now = null;
            if (Stacks.loadingClasses(stack)) {
                // Loading a class (a loader's lock, contended on a busy machine): the JVM's doing, never judged.
                now = null;
            } else if (held >= 0 && parked(state)) {
                now = How.WAITING;
            } else if (held >= 0 && held <= 3 && state == Thread.State.RUNNABLE) {
                now = How.SPINNING;
            }
            if (now == null) {
                method = null;
                return Optional.empty();
            }
            String at = stack[held].getClassName() + "." + stack[held].getMethodName();
            long t = System.nanoTime();
            if (!at.equals(method) || now != how) {
                method = at;
                how = now;
                since = t;
                cpuSince = cpu(thread);
                return Optional.empty();
            }
            if (t - since < needed.toNanos()) {
                return Optional.empty();
            }
            if (now == How.SPINNING && CPU.isThreadCpuTimeSupported() && cpu(thread) - cpuSince < needed.toNanos() / 2) {
                // RUNNABLE but hardly running: preempted on a loaded machine, not spinning.
                return Optional.empty();
            }
            return Optional.of(new Sighting(nameOf(thread), now, state, (t - since) / 1_000_000, stack, t));
        }
    }

    private static long cpu(Thread thread) {
        if (!CPU.isThreadCpuTimeSupported()) {
            return 0;
        }
        long nanos = CPU.getThreadCpuTime(thread.threadId());
        return Math.max(0, nanos);
    }

    // ---------------------------------------------------------------------------------------------
    // One thread

    /**
     * Watches {@code thread} while {@code done} is false (e.g. a step it runs has not finished), for up to
     * {@code bound}: a sighting as soon as it is held inside the learner's code, or empty once {@code done}
     * holds. If the bound passes with the thread still busy, it is reported as it is then ({@link How#RUNNING}).
     */
    public Optional<Sighting> watch(Thread thread, BooleanSupplier done, Duration bound) {
        Follower follower = new Follower(patience);
        long start = System.nanoTime();
        long deadline = start + bound.toNanos();
        while (!done.getAsBoolean()) {
            Optional<Sighting> seen = follower.lookAt(thread);
            if (seen.isPresent() && !done.getAsBoolean()) {
                return seen;
            }
            long now = System.nanoTime();
            if (now > deadline) {
                return done.getAsBoolean() ? Optional.empty()
                        : Optional.of(new Sighting(thread.getName(), How.RUNNING, thread.getState(),
                                (now - start) / 1_000_000, thread.getStackTrace(), now));
            }
            LockSupport.parkNanos(LOOK_NANOS);
        }
        return Optional.empty();
    }

    /**
     * Runs {@code action} on a new daemon thread named {@code name} and waits for it, looking at the thread
     * every millisecond. Returns as soon as the action ends, or the thread is seen held inside the learner's
     * code, or {@code bound} has passed.
     */
    public <T> Outcome<T> run(String name, Duration bound, Callable<T> action) {
        return run(name, bound, action, () -> false);
    }

    /**
     * As {@link #run(String, Duration, Callable)}, giving up early (as timed out) as soon as {@code giveUp} holds.
     * A thread still RUNNABLE at {@code bound} (not seen spinning), or not inside the learner's code at all, may
     * only be starved on a loaded machine: as in {@link #promptly}, it gets four times longer before the outcome
     * says timed out.
     */
    public <T> Outcome<T> run(String name, Duration bound, Callable<T> action, BooleanSupplier giveUp) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = start(name, action, result);
        return awaitWithGrace(thread, result, bound, giveUp, new Follower(patience));
    }

    /**
     * Waits as {@link #await} does; a thread still RUNNABLE at {@code bound} (not seen spinning), or not inside
     * the learner's code at all, may only be starved or paused on a loaded machine, and gets four times longer.
     */
    private <T> Outcome<T> awaitWithGrace(Thread thread, CompletableFuture<T> result, Duration bound,
                                          BooleanSupplier giveUp, Follower follower) {
        Outcome<T> outcome = await(thread, result, bound, giveUp, follower);
        if (outcome.timedOut() && !giveUp.getAsBoolean() && (thread.getState() == Thread.State.RUNNABLE
                || !code.anywhereIn(thread.getStackTrace()))) {
            outcome = await(thread, result, bound.multipliedBy(4), giveUp, follower);
        }
        return outcome;
    }

    private <T> Outcome<T> await(Thread thread, CompletableFuture<T> result, Duration bound, BooleanSupplier giveUp,
                                 Follower follower) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            try {
                return new Outcome<>(result.get(LOOK_NANOS, TimeUnit.NANOSECONDS), null, null, false, thread);
            } catch (ExecutionException e) {
                return new Outcome<>(null, e.getCause(), null, false, thread);
            } catch (TimeoutException e) {
                Optional<Sighting> seen = follower.lookAt(thread);
                if (seen.isPresent() && !result.isDone()) {
                    return new Outcome<>(null, null, seen.get(), false, thread);
                }
                if (System.nanoTime() > deadline || giveUp.getAsBoolean()) {
                    return result.isDone() ? await(thread, result, Duration.ZERO, () -> true, follower)
                            : new Outcome<>(null, null, null, true, thread);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while watching " + thread.getName(), e);
            }
        }
    }

    /** Starts {@code action} on a new daemon thread named {@code name}, completing {@code result} with its outcome. */
    static <T> Thread start(String name, Callable<T> action, CompletableFuture<T> result) {
        Thread thread = new Thread(() -> {
            try {
                result.complete(action.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Calls {@code action} on a fresh thread named {@code caller} and returns what it returns: the check that
     * a method hands back its future at once. Fails with {@code mistake} as soon as the caller is held inside
     * the learner's code (it waits for something the test holds back, or spins), or when it has still not
     * returned after {@code bound}. A caller still RUNNABLE then (not seen spinning), or not inside the
     * learner's code at all, may only be starved or paused on a loaded machine: it gets four times longer
     * before it is judged. Wrong code is told in milliseconds, not after the bound.
     */
    public <T> T promptly(Mistake mistake, String call, Duration bound, Callable<T> action, Timeline timeline) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread caller = start("caller", action, result);
        Outcome<T> outcome = awaitWithGrace(caller, result, bound, () -> false, new Follower(patience));
        if (outcome.held() != null || outcome.timedOut()) {
            Sighting held = outcome.held();
            String what = held == null
                    ? call + " had not returned after " + bound.toMillis() + " ms"
                    : call + " had not returned: " + (held.how() == How.SPINNING
                            ? "the caller was still busy in your code after " + held.millis() + " ms, at " + held.culprit()
                            : held.describe().replaceFirst("^thread 'caller'", "the caller"));
            Teach.Report report = mistake.report()
                    .saw(what + ", while the test was still holding back everything it could be waiting for.\nA"
                            + " method that returns a CompletableFuture hands it back at once and lets the caller"
                            + " decide when to wait.")
                    .detail("The caller was stuck here:\n" + Stacks.excerpt(held == null ? caller.getStackTrace()
                            : held.stack()));
            if (timeline != null) {
                report.timeline(timeline);
            }
            throw report.failure();
        }
        if (outcome.thrown() != null) {
            throw Sneaky.rethrow(outcome.thrown());
        }
        return outcome.value();
    }

    // ---------------------------------------------------------------------------------------------
    // Many threads

    /**
     * Looks at the threads {@code candidates} accepts (e.g. those that called the test's own service) for up
     * to {@code window}: the first seen held inside the learner's code, or empty. A thread being followed when
     * the window closes gets up to {@link #patience()} more to be judged. Right code pays the whole window,
     * so keep it short.
     */
    public Optional<Sighting> awaitAny(Duration window, Predicate<Thread> candidates) {
        return awaitAny(window, candidates, sighting -> true);
    }

    /**
     * As {@link #awaitAny(Duration, Predicate)}, over exactly these threads (looked at afresh each round, so
     * a collection that grows meanwhile is followed): virtual threads included, which no enumeration of the
     * JVM's threads shows. Use it when the test knows the threads, e.g. those that called its service.
     */
    public Optional<Sighting> awaitAny(Duration window, Collection<Thread> threads) {
        return awaitAny(window, () -> {
            Map<Thread, StackTraceElement[]> stacks = new HashMap<>();
            for (Thread thread : List.copyOf(threads)) {
                stacks.put(thread, thread.getStackTrace());
            }
            return stacks;
        }, sighting -> true);
    }

    /**
     * Looks at every thread (but the caller's) for up to {@code window} and fails with {@code mistake} as soon as
     * one is seen parked inside the learner's code: a pool thread in {@code supplyAsync(() -> allOf(pages).join())}
     * waits for a future combined from the test's futures, which {@link Waits} does not see (allOf and anyOf make
     * futures of their own), and so does a thread parked on a latch that a callback counts down. Pair it with
     * {@link Waits#assertNone}; it also gives a thread that was handed the waiting the time to start it. Right
     * code pays the whole window, so keep it short. (Virtual threads are not seen here; Waits sees their joins.)
     */
    public void assertNoneParked(Mistake mistake, String situation, Duration window, Timeline timeline) {
        assertNoneParked(mistake, situation, window, timeline, Set.of());
    }

    /**
     * As {@link #assertNoneParked(Mistake, String, Duration, Timeline)}, leaving out {@code before}: the threads
     * {@link #parkedNow()} found before the learner's code ran, which an earlier run in the same warm JVM
     * ({@code ./kit watch}) left parked, and which this run must not be blamed for.
     */
    public void assertNoneParked(Mistake mistake, String situation, Duration window, Timeline timeline,
                                 Set<Thread> before) {
        Optional<Sighting> seen = awaitAny(window, thread -> !before.contains(thread),
                sighting -> sighting.how().parked());
        if (seen.isEmpty()) {
            return;
        }
        Sighting held = seen.get();
        Teach.Report report = mistake.report()
                .saw(situation + ", " + held.describe() + "."
                        + (Waits.isPoolThread(held.thread()) ? "\nA pool thread that waits is a thread taken from"
                                + " everybody else who shares the pool (supplyAsync without an executor uses the common"
                                + " pool, a handful of threads for the whole JVM). Returning at once does not help if"
                                + " the waiting just moved to another thread, and waiting for allOf(...) of the futures"
                                + " is waiting for them all." : ""))
                .detail(held.where());
        if (timeline != null) {
            report.timeline(timeline);
        }
        throw report.failure();
    }

    /** The threads parked inside the learner's code right now (see {@link #assertNoneParked(Mistake, String, Duration, Timeline, Set)}). */
    public Set<Thread> parkedNow() {
        Set<Thread> parked = new HashSet<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            if (e.getKey() != Thread.currentThread()
                    && conclusive(nameOf(e.getKey()), e.getKey().getState(), e.getValue()).isPresent()) {
                parked.add(e.getKey());
            }
        }
        return parked;
    }

    private Optional<Sighting> awaitAny(Duration window, Predicate<Thread> candidates, Predicate<Sighting> counts) {
        return awaitAny(window, () -> {
            Map<Thread, StackTraceElement[]> stacks = new HashMap<>(Thread.getAllStackTraces());
            stacks.keySet().removeIf(candidates.negate());
            return stacks;
        }, counts);
    }

    /** The wait: each round, {@code candidates} gives the threads to look at with their stacks, taken once. */
    private Optional<Sighting> awaitAny(Duration window, Supplier<Map<Thread, StackTraceElement[]>> candidates,
                                        Predicate<Sighting> counts) {
        // The window counts the test's own time (OwnTime): on a busy machine a thread handed the learner's waiting
        // starts late, as the watcher wakes late, and the window grows by the watcher's lateness.
        OwnTime clock = OwnTime.of(window);
        long lastChance = patience.toNanos() + LOOK_NANOS * 20;
        Map<Thread, Follower> followers = new HashMap<>();
        while (true) {
            boolean following = false;
            for (Map.Entry<Thread, StackTraceElement[]> e : candidates.get().entrySet()) {
                Thread thread = e.getKey();
                if (thread == Thread.currentThread()) {
                    continue;
                }
                Follower follower = followers.computeIfAbsent(thread, t -> new Follower(patience));
                Optional<Sighting> seen = follower.look(thread, thread.getState(), e.getValue());
                if (seen.isPresent() && counts.test(seen.get())) {
                    return seen;
                }
                following |= follower.following();
            }
            long left = clock.left();
            if (left < -lastChance || (left < 0 && !following)) {
                return Optional.empty();
            }
            long began = System.nanoTime();
            LockSupport.parkNanos(LOOK_NANOS * 2);
            clock.slept(began, LOOK_NANOS * 2);
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
        private final Map<Thread, Follower> followers = new HashMap<>();
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
                        LockSupport.parkNanos(LOOK_NANOS);
                    }
                }, "thread-watch");
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
            Set<Thread> alive = new HashSet<>();
            for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                Thread t = e.getKey();
                if (t == Thread.currentThread() || t == looker) {
                    continue;
                }
                alive.add(t);
                Thread.State state = t.getState();
                StackTraceElement[] stack = e.getValue();
                followers.computeIfAbsent(t, x -> new Follower(everywherePatience))
                        .look(t, state, stack)
                        .ifPresent(seen::add);
                if (code.heldBy(stack) >= 0) {
                    inCode.add(new Sighting(t.getName(), state == Thread.State.RUNNABLE ? How.RUNNING : How.WAITING,
                            state, 0, stack, System.nanoTime()));
                }
            }
            followers.keySet().retainAll(alive);
        }

        /** What the threads with this name were seen doing, first sighting first. */
        public synchronized List<Sighting> of(String threadName) {
            return seen.stream().filter(s -> s.thread().equals(threadName)).toList();
        }

        /** Every look that found the thread with this name inside the learner's code, whatever it was doing. */
        public synchronized List<Sighting> inCodeOf(String threadName) {
            return inCode.stream().filter(s -> s.thread().equals(threadName)).toList();
        }

        /** The names of every thread seen held, in the order first seen. */
        public synchronized List<String> threads() {
            return seen.stream().map(Sighting::thread).distinct().collect(Collectors.toList());
        }
    }
}
