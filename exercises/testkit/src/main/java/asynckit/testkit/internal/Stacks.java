package asynckit.testkit.internal;

import java.util.ArrayList;
import java.util.List;

/** Short, readable excerpts of stack traces: the JDK frames near the top, then the learner's frames. */
public final class Stacks {
    private Stacks() {}

    /**
     * The frame of the JDK method the code called (e.g. {@code CompletableFuture.join}) and up to five of
     * the learner's frames below it, skipping JDK internals and test-framework plumbing.
     */
    public static String excerpt(StackTraceElement[] frames) {
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

    /** The testkit's own machinery (but not its tests and fixtures, which play the learner's part). */
    private static boolean isKit(String cls) {
        return cls.startsWith("asynckit.testkit.") && !cls.contains("Test") && !cls.contains(".fixtures.");
    }

    private static boolean isJdk(String cls) {
        return cls.startsWith("java.") || cls.startsWith("javax.") || cls.startsWith("jdk.") || cls.startsWith("sun.");
    }

    private static boolean isInternal(String cls, String method) {
        return cls.startsWith("jdk.internal.") || cls.startsWith("sun.") || cls.contains("$")
                || method.startsWith("waiting") || method.startsWith("managedBlock") || method.startsWith("unmanaged")
                || cls.equals("java.util.concurrent.locks.LockSupport") || cls.endsWith("ForkJoinPool");
    }

    /** The first frame outside the JDK: the line of the learner's code that made the call. */
    public static StackTraceElement culprit(StackTraceElement[] frames) {
        for (StackTraceElement frame : frames) {
            String cls = frame.getClassName();
            if (!(cls.startsWith("java.") || cls.startsWith("javax.") || cls.startsWith("jdk.")
                    || cls.startsWith("sun.") || isKit(cls))) {
                return frame;
            }
        }
        return frames.length > 0 ? frames[0] : null;
    }
}
