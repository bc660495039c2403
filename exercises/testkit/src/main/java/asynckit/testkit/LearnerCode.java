package asynckit.testkit;

import asynckit.testkit.internal.Stacks;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Which code is the learner's: the classes an exercise's learner writes (with their nested classes and
 * lambdas), told apart by name and, where implementations of one exercise run side by side in one JVM
 * (the self-test), by the name of their class loader. Every watcher asks this one question the same way:
 * is this frame, this stack, this thread's wait the learner's doing?
 *
 * <pre>{@code
 * LearnerCode code = LearnerCode.of(LESSON);
 * code.owns(frame);           // a frame of ProfileLoader (or a lambda in it), loaded with the test's loader
 * code.heldBy(stack);         // the index of the learner's frame that a wait at the top of the stack came from
 * code.frameHere();           // the learner's line on the current stack: who asked for this future?
 * }</pre>
 */
public final class LearnerCode {
    /** The learner's classes' names, each with its class loader's name (null when the loader has none). */
    private final Map<String, String> classes;

    private LearnerCode(Map<String, String> classes) {
        this.classes = classes;
    }

    /** These classes (and their nested classes and lambdas). */
    public static LearnerCode of(Collection<Class<?>> learnerClasses) {
        Map<String, String> names = new HashMap<>();
        for (Class<?> c : learnerClasses) {
            names.put(c.getName(), c.getClassLoader() == null ? null : c.getClassLoader().getName());
        }
        return new LearnerCode(java.util.Collections.unmodifiableMap(names));
    }

    /**
     * The classes the lesson's learner writes. A lesson without a manifest (the testkit's own tests) plays
     * the learner itself: then every class outside the JDK and the kit counts.
     */
    public static LearnerCode of(Lesson lesson) {
        return lesson.hasManifest() ? of(lesson.learnerClasses()) : everythingOutsideTheKit();
    }

    /** Every class outside the JDK and the kit's machinery (the kit's tests and fixtures count). */
    public static LearnerCode everythingOutsideTheKit() {
        return new LearnerCode(null);
    }

    /** Whether {@code className} is the learner's, or nested in a class of the learner (a lambda, an anonymous class). */
    public boolean owns(String className) {
        if (classes == null) {
            return !Stacks.isJdk(className) && !Stacks.isKit(className) && !className.startsWith("org.junit.");
        }
        return classes.containsKey(outer(className));
    }

    /** Whether this frame is the learner's code, loaded by the learner's class loader. */
    public boolean owns(StackTraceElement frame) {
        String cls = frame.getClassName();
        if (!owns(cls)) {
            return false;
        }
        if (classes == null) {
            return true;
        }
        String loader = classes.get(outer(cls));
        return loader == null || loader.equals(frame.getClassLoaderName());
    }

    /**
     * The index of the learner's frame that the top of {@code stack} runs for: the first frame that is
     * neither the JDK's nor one the kit's futures pass a wait through. -1 when that frame is not the
     * learner's: a wait in code the learner called back into (the test's own service, a scheduler of the
     * kit) is not the learner's doing.
     */
    public int heldBy(StackTraceElement[] stack) {
        int first = Stacks.firstOutsideJdk(stack);
        return first < stack.length && owns(stack[first]) ? first : -1;
    }

    /** Whether any frame of {@code stack} is the learner's. */
    public boolean anywhereIn(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (owns(frame)) {
                return true;
            }
        }
        return false;
    }

    /** The learner's first frame on the current thread's stack (the line that is calling the kit now), or null. */
    public StackTraceElement frameHere() {
        return StackWalker.getInstance().walk(frames -> frames
                .map(StackWalker.StackFrame::toStackTraceElement)
                .filter(this::owns)
                .findFirst()
                .orElse(null));
    }

    private static String outer(String className) {
        int nested = className.indexOf('$');
        return nested < 0 ? className : className.substring(0, nested);
    }
}
