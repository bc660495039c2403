package asynckit.testkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reading stack traces: short, readable excerpts (the JDK call, then the learner's frames), the line that
 * made a call, and what a thread is waiting in. The kit's own frames between a JDK wait and the code that
 * waited (a simulated service's future overriding {@code join}) are skipped everywhere.
 */
public final class Stacks {
    private Stacks() {}

    /** What a stack is waiting in, judged by the JDK calls at its top. */
    public enum Waiting {
        /** {@code CompletableFuture.join/get}, {@code Future.get}, {@code ForkJoinTask.join}. */
        FUTURE,
        /** {@code Thread.sleep}, {@code TimeUnit.sleep}, or a timed park the code made itself. */
        SLEEP,
        /** Any other waiting call: a latch, a barrier, a semaphore, a blocking queue, {@code Object.wait}, a park. */
        OTHER,
        /** No waiting call of the JDK at the top of the stack (a lock deep in the JDK, running code). */
        NONE
    }

    private static final Set<String> SLEEP_CALLS = Set.of(
            "java.lang.Thread.sleep", "java.lang.Thread.sleepNanos", "java.lang.Thread.sleep0",
            "java.util.concurrent.TimeUnit.sleep");
    private static final Set<String> FUTURE_CALLS = Set.of(
            "java.util.concurrent.CompletableFuture.join", "java.util.concurrent.CompletableFuture.get",
            "java.util.concurrent.CompletableFuture.waitingGet", "java.util.concurrent.CompletableFuture.timedGet",
            "java.util.concurrent.FutureTask.get", "java.util.concurrent.FutureTask.awaitDone",
            "java.util.concurrent.ForkJoinTask.join", "java.util.concurrent.ForkJoinTask.get",
            "java.util.concurrent.ForkJoinTask.awaitDone");
    private static final Set<String> OTHER_CALLS = Set.of(
            "java.lang.Thread.join", "java.lang.Object.wait", "java.lang.Object.wait0",
            "java.util.concurrent.CountDownLatch.await", "java.util.concurrent.CyclicBarrier.await",
            "java.util.concurrent.Semaphore.acquire", "java.util.concurrent.Phaser.awaitAdvance",
            "java.util.concurrent.Exchanger.exchange");

    /**
     * What the frames above {@code until} (exclusive; the first frame of the code that waited) are waiting in.
     * A {@code LockSupport.park} made directly by the frame at {@code until} counts: a timed one as a sleep.
     */
    public static Waiting waiting(StackTraceElement[] stack, int until) {
        boolean future = false;
        boolean sleep = false;
        boolean other = false;
        for (int i = 0; i < Math.min(until, stack.length); i++) {
            String cls = stack[i].getClassName();
            String call = cls + "." + stack[i].getMethodName();
            future |= FUTURE_CALLS.contains(call);
            sleep |= SLEEP_CALLS.contains(call);
            other |= OTHER_CALLS.contains(call) || cls.endsWith("BlockingQueue") || cls.endsWith("BlockingDeque");
        }
        if (until >= 1 && until <= stack.length
                && stack[until - 1].getClassName().equals("java.util.concurrent.locks.LockSupport")) {
            String park = stack[until - 1].getMethodName();
            sleep |= park.startsWith("parkNanos") || park.startsWith("parkUntil");
            other = true;
        }
        return future ? Waiting.FUTURE : sleep ? Waiting.SLEEP : other ? Waiting.OTHER : Waiting.NONE;
    }

    /** What the JDK frames at the top of {@code stack} (down to the first frame of other code) are waiting in. */
    public static Waiting waiting(StackTraceElement[] stack) {
        return waiting(stack, firstOutsideJdk(stack));
    }

    /**
     * True when the JDK frames at the top of {@code stack} are loading a class (a class loader's lock, contended by
     * other threads loading classes on a busy machine): the JVM's doing, not a wait the code chose.
     */
    public static boolean loadingClasses(StackTraceElement[] stack) {
        int until = firstOutsideJdk(stack);
        for (int i = 0; i < Math.min(until, stack.length); i++) {
            String cls = stack[i].getClassName();
            if (cls.equals("java.lang.ClassLoader") || cls.equals("java.net.URLClassLoader")
                    || cls.startsWith("jdk.internal.loader.") || cls.equals("java.lang.invoke.MethodHandleNatives")) {
                return true;
            }
        }
        return false;
    }

    /** The index of the first frame that is neither the JDK's nor a kit frame a wait passes through; the length if none. */
    public static int firstOutsideJdk(StackTraceElement[] stack) {
        int i = 0;
        while (i < stack.length && (isJdk(stack[i].getClassName()) || passesThrough(stack[i]))) {
            i++;
        }
        return i;
    }

    /**
     * A kit frame that a wait passes through on its way to the JDK: a simulated service's future that overrides
     * {@code join} or {@code get} to note the wait. Not the kit's doing, so never shown and never blamed.
     */
    public static boolean passesThrough(StackTraceElement frame) {
        String method = frame.getMethodName();
        return isKit(frame.getClassName()) && (method.equals("join") || method.equals("get"));
    }

    /**
     * The frame of the JDK method the code called (e.g. {@code CompletableFuture.join}) and up to five of
     * the learner's frames below it, skipping JDK internals and test-framework plumbing.
     */
    public static String excerpt(StackTraceElement[] stack) {
        StackTraceElement[] frames = java.util.Arrays.stream(stack).filter(f -> !passesThrough(f))
                .toArray(StackTraceElement[]::new);
        int first = 0;
        while (first < frames.length && isJdk(frames[first].getClassName())) {
            first++;
        }
        List<String> lines = new ArrayList<>();
        if (first > 0) {
            // The last public JDK frame before the learner's code: what it called.
            int api = first - 1;
            while (api > 0 && isInternal(frames[api].getClassName(), frames[api].getMethodName())) {
                api--;
            }
            lines.add("    at " + frames[api]);
            if (api < first - 1) {
                lines.add("    ... (" + (first - 1 - api) + " JDK frames)");
            }
        }
        for (int i = first; i < frames.length && lines.size() < 7; i++) {
            String cls = frames[i].getClassName();
            if (isKit(cls) || cls.startsWith("org.junit.") || isJdk(cls)) {
                // Below the learner's frames: the executor or test plumbing that called them.
                break;
            }
            lines.add("    at " + frames[i]);
        }
        return lines.isEmpty() ? "    (no stack)" : String.join("\n", lines);
    }

    /** The stack from the code that called into {@code kitClass} down: the frames of the JDK and of that class cut off. */
    public static StackTraceElement[] below(StackTraceElement[] stack, Class<?> kitClass) {
        int last = -1;
        for (int i = 0; i < stack.length; i++) {
            if (stack[i].getClassName().startsWith(kitClass.getName())) {
                last = i;
            }
        }
        return java.util.Arrays.copyOfRange(stack, last + 1, stack.length);
    }

    /** The testkit's own machinery (but not its tests and fixtures, which play the learner's part). */
    public static boolean isKit(String cls) {
        return cls.startsWith("asynckit.testkit.") && !cls.contains("Test") && !cls.contains(".fixtures.");
    }

    public static boolean isJdk(String cls) {
        return cls.startsWith("java.") || cls.startsWith("javax.") || cls.startsWith("jdk.") || cls.startsWith("sun.");
    }

    private static boolean isInternal(String cls, String method) {
        return cls.startsWith("jdk.internal.") || cls.startsWith("sun.") || cls.contains("$")
                || method.startsWith("waiting") || method.startsWith("managedBlock") || method.startsWith("unmanaged")
                || cls.equals("java.util.concurrent.locks.LockSupport") || cls.endsWith("ForkJoinPool");
    }

    /** The first frame outside the JDK and the kit: the line of the learner's code that made the call. */
    public static StackTraceElement culprit(StackTraceElement[] frames) {
        for (StackTraceElement frame : frames) {
            String cls = frame.getClassName();
            if (!(isJdk(cls) || isKit(cls))) {
                return frame;
            }
        }
        return frames.length > 0 ? frames[0] : null;
    }
}
