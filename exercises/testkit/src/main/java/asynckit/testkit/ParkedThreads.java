package asynckit.testkit;

import asynckit.testkit.internal.Sneaky;
import asynckit.testkit.internal.Stacks;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The runtime twin of {@link BlockingCalls}: finds threads that are parked (WAITING, TIMED_WAITING or
 * BLOCKED) <em>inside the learner's code</em>, whichever thread it is: the caller, the thread that
 * completed a future and so runs its callbacks, or a pool thread running a {@code thenApplyAsync}. A
 * static rule knows that code calls {@code join}; this knows which thread it blocked, and shows where.
 *
 * <p>The learner's code is every class in the anchor's package (and below) except test classes (a
 * top-level class whose name ends in {@code Test}). Threads already parked there when the check is made
 * (left over from an earlier test) are ignored. A thread counts only when it stays parked in that code
 * for {@code persist} (a lock taken for a microsecond is not a wait), so right code is never reported.
 *
 * <p>Where several implementations of one exercise run in one JVM at once (the self-test), a frame
 * counts only if its class loader has the anchor's loader's name (when that loader is named), and
 * {@link #awaitAny(Duration, Predicate)} looks only at the threads the caller names (e.g. those that
 * called the test's own service).
 *
 * <pre>{@code
 * ParkedThreads parked = ParkedThreads.inPackageOf(ProfileLoader.class);
 * // ... let the code run while the test holds its calls pending ...
 * parked.awaitAny(TimeScale.millis(100)).ifPresent(p -> { throw MISTAKE.report().saw(p.describe())... });
 * }</pre>
 */
public final class ParkedThreads {
    /** How long a thread must stay parked in the code to count: 20 ms, scaled. */
    public static final Duration PERSIST = TimeScale.millis(20);
    private static final long POLL_NANOS = 1_000_000;

    /** One thread seen parked inside the code, with where it was. */
    public record Parked(String thread, Thread.State state, long millis, StackTraceElement[] stack) {
        /** One sentence: which thread, in what state, for how long, at which line of the code. */
        public String describe() {
            StackTraceElement culprit = Stacks.culprit(stack);
            return "thread '" + thread + "' was " + state + " for " + millis + " ms inside your code"
                    + (culprit == null ? "" : ", at " + culprit);
        }

        /** The stack, cut to the JDK call and the learner's frames. */
        public String excerpt() {
            return Stacks.excerpt(stack);
        }
    }

    private final String prefix;
    private final String loaderName;
    private final Set<Long> ignored = new HashSet<>();

    private ParkedThreads(String packageName, ClassLoader loader) {
        this.prefix = packageName + ".";
        this.loaderName = loader == null ? null : loader.getName();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (isParked(thread.getState()) && inCode(stack)) {
                ignored.add(thread.threadId());
            }
        });
    }

    /** Watches the code in {@code anchor}'s package; threads parked there right now are ignored. */
    public static ParkedThreads inPackageOf(Class<?> anchor) {
        return new ParkedThreads(anchor.getPackageName(), anchor.getClassLoader());
    }

    /**
     * Watches one thread while {@code done} is false (e.g. a task it runs has not finished), for up to
     * {@code bound}: the thread parked in the code for {@link #PERSIST}, or else empty once {@code done}
     * holds. If the bound passes with the thread still busy, it is reported as it is then (a spin).
     */
    public Optional<Parked> watch(Thread thread, BooleanSupplier done, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        long since = 0;
        while (!done.getAsBoolean()) {
            long now = System.nanoTime();
            StackTraceElement[] stack = thread.getStackTrace();
            Thread.State state = thread.getState();
            boolean parkedHere = isParked(state) && inCode(stack);
            if (parkedHere) {
                if (since == 0) {
                    since = now;
                } else if (now - since >= PERSIST.toNanos()) {
                    return Optional.of(new Parked(thread.getName(), state, (now - since) / 1_000_000, stack));
                }
            } else {
                since = 0;
            }
            if (now > deadline) {
                return done.getAsBoolean() ? Optional.empty()
                        : Optional.of(new Parked(thread.getName(), state, bound.toMillis(), stack));
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return Optional.empty();
    }

    /**
     * {@link Returns#promptly} that answers at once: calls {@code action} on a fresh thread named
     * {@code caller} and returns what it returns; fails with {@code mistake} as soon as the caller stays
     * parked inside the code for {@link #PERSIST} (it waits for something the test holds back), or when it
     * is still busy after {@code bound} (a spin). Wrong code is told in milliseconds, not after the bound.
     */
    public <T> T promptly(Mistake mistake, String call, Duration bound, Callable<T> action, Timeline timeline) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                result.complete(action.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "caller");
        caller.setDaemon(true);
        caller.start();
        Optional<Parked> stuck = watch(caller, result::isDone, bound);
        if (stuck.isPresent()) {
            Parked p = stuck.get();
            Teach.Report report = mistake.report()
                    .saw(call + " had not returned: " + (p.state() == Thread.State.RUNNABLE
                            ? "the caller was still busy after " + p.millis() + " ms"
                            : p.describe().replaceFirst("^thread 'caller'", "the caller"))
                            + ", while the test was still holding back everything it could be waiting for.\nA"
                            + " method that returns a CompletableFuture hands it back at once and lets the caller"
                            + " decide when to wait.")
                    .detail("The caller was stuck here:\n" + p.excerpt());
            if (timeline != null) {
                report.timeline(timeline);
            }
            throw report.failure();
        }
        if (result.isCompletedExceptionally()) {
            throw Sneaky.rethrow(result.exceptionNow());
        }
        return result.resultNow();
    }

    /**
     * Looks at every thread for up to {@code window}: the first that stays parked in the code for
     * {@link #PERSIST}, or empty. Right code pays the whole window, so keep it short.
     */
    public Optional<Parked> awaitAny(Duration window) {
        return awaitAny(window, thread -> true);
    }

    /** As {@link #awaitAny(Duration)}, looking only at the threads {@code candidates} accepts. */
    public Optional<Parked> awaitAny(Duration window, Predicate<Thread> candidates) {
        long deadline = System.nanoTime() + window.toNanos();
        Map<Long, Long> since = new HashMap<>();
        while (true) {
            long now = System.nanoTime();
            Set<Long> seen = new HashSet<>();
            for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                Thread thread = e.getKey();
                Thread.State state = thread.getState();
                if (ignored.contains(thread.threadId()) || !candidates.test(thread) || !isParked(state)
                        || !inCode(e.getValue())) {
                    continue;
                }
                seen.add(thread.threadId());
                long first = since.computeIfAbsent(thread.threadId(), id -> now);
                if (now - first >= PERSIST.toNanos()) {
                    return Optional.of(new Parked(thread.getName(), state, (now - first) / 1_000_000, e.getValue()));
                }
            }
            since.keySet().retainAll(seen);
            if (now > deadline && since.isEmpty()) {
                return Optional.empty();
            }
            if (now > deadline + PERSIST.toNanos() * 2) {
                return Optional.empty();
            }
            LockSupport.parkNanos(POLL_NANOS * 2);
        }
    }

    private static boolean isParked(Thread.State state) {
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED;
    }

    private boolean inCode(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String cls = frame.getClassName();
            if (cls.startsWith(prefix) && !isTest(cls)
                    && (loaderName == null || loaderName.equals(frame.getClassLoaderName()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTest(String cls) {
        int nested = cls.indexOf('$');
        String top = nested < 0 ? cls : cls.substring(0, nested);
        return top.endsWith("Test") || top.endsWith("Tests");
    }
}
