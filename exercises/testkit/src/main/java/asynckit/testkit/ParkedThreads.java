package asynckit.testkit;

import asynckit.testkit.internal.Stacks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Finds threads parked <em>inside</em> the learner's code: a thread that is WAITING, TIMED_WAITING or
 * BLOCKED with one of the learner's classes on its stack. It sees what returning at once cannot prove:
 * a method that hands back a future at once but parks a pool thread behind it
 * ({@code supplyAsync(() -> call.get(1, SECONDS))}). The test's own thread is never reported.
 *
 * <pre>{@code
 * Optional<ParkedThreads.Parked> parked = ParkedThreads.inside(LESSON.manifest().learnerClasses())
 *         .within(TimeScale.millis(200), result::isDone);
 * }</pre>
 */
public final class ParkedThreads {

    /** One parked thread: its name, its state and where it waits (the JDK call, then the learner's frames). */
    public record Parked(String thread, Thread.State state, String where) {
        public String describe() {
            return "Thread '" + thread + "' was " + state + " inside your code:\n" + where;
        }
    }

    private final List<String> classNames;

    private ParkedThreads(List<String> classNames) {
        this.classNames = List.copyOf(classNames);
    }

    /** Looks for threads parked in these classes (binary names; their nested classes and lambdas count too). */
    public static ParkedThreads inside(List<String> classNames) {
        return new ParkedThreads(classNames);
    }

    /** A thread parked inside the classes right now, if any. */
    public Optional<Parked> now() {
        Thread self = Thread.currentThread();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            Thread.State state = t.getState();
            if (t == self || !(state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                    || state == Thread.State.BLOCKED)) {
                continue;
            }
            StackTraceElement[] stack = e.getValue();
            for (StackTraceElement frame : stack) {
                if (isLearners(frame.getClassName())) {
                    return Optional.of(new Parked(t.getName(), state, Stacks.excerpt(stack)));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Looks every few milliseconds, for up to {@code window} or until {@code stop} holds (for example: the
     * result is complete, so nothing can be waiting for it any more).
     */
    public Optional<Parked> within(Duration window, BooleanSupplier stop) {
        long deadline = System.nanoTime() + window.toNanos();
        while (true) {
            Optional<Parked> found = now();
            if (found.isPresent() || stop.getAsBoolean() || System.nanoTime() >= deadline) {
                return found;
            }
            LockSupport.parkNanos(3_000_000);
        }
    }

    private boolean isLearners(String className) {
        for (String name : classNames) {
            if (className.equals(name) || className.startsWith(name + "$")) {
                return true;
            }
        }
        return false;
    }
}
