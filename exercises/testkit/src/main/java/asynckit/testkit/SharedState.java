package asynckit.testkit;

import com.tngtech.archunit.thirdparty.org.objectweb.asm.Label;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.MethodVisitor;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.Opcodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The static second signal for races that {@link Burst} cannot make show reliably on a machine with few
 * cores. It finds state that callbacks running at the same time on several threads would share unsafely:
 * <ul>
 *   <li>a field that holds a collection that is not thread-safe ({@code ArrayList}, {@code HashSet},
 *       {@code HashMap}, ...), read from the live object (so {@code List<X> f = new ArrayList<>()} is seen
 *       whatever the declared type, and {@code Collections.synchronizedList(...)} is not reported);</li>
 *   <li>a plain field (not {@code volatile}, not {@code final}, not an atomic) written from inside a lambda
 *       or an inner class: a callback, which runs on whichever thread completes the future.</li>
 * </ul>
 */
public final class SharedState {
    private static final Set<String> UNSAFE = Set.of("java.util.ArrayList", "java.util.LinkedList",
            "java.util.HashMap", "java.util.HashSet", "java.util.LinkedHashMap", "java.util.LinkedHashSet",
            "java.util.TreeMap", "java.util.TreeSet", "java.util.ArrayDeque", "java.util.PriorityQueue",
            "java.util.IdentityHashMap", "java.util.WeakHashMap", "java.util.EnumMap");

    private SharedState() {}

    /** One piece of unsafely shared state. */
    public record Finding(String where, String what) {
        String describe() {
            return where + ": " + what;
        }
    }

    /**
     * Everything unsafe in {@code anchor}'s package (its production classes) and in {@code instance}'s
     * fields ({@code instance} may be null, e.g. for a class of static methods).
     */
    public static List<Finding> findings(Class<?> anchor, Object instance) {
        List<Finding> found = new ArrayList<>();
        if (instance != null) {
            for (Class<?> c = instance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers())) {
                        collectionIn(f, instance).ifPresent(found::add);
                    }
                }
            }
        }
        for (Field f : anchor.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                collectionIn(f, null).ifPresent(found::add);
            }
        }
        found.addAll(plainFieldsWrittenFromCallbacks(anchor));
        return found;
    }

    /** Fails with {@code mistake} naming every finding, or returns quietly when there is none. */
    public static void assertNone(Mistake mistake, Class<?> anchor, Object instance, String situation) {
        List<Finding> found = findings(anchor, instance);
        if (found.isEmpty()) {
            return;
        }
        Teach.Report report = mistake.report().saw(situation);
        for (Finding f : found) {
            report.saw("- " + f.describe());
        }
        report.saw("Callbacks run on whichever thread completes a future, several of them at the same moment.\n"
                + "Use a thread-safe collection (ConcurrentHashMap.newKeySet(), ConcurrentHashMap,"
                + " CopyOnWriteArrayList, Collections.synchronizedList) and AtomicInteger or LongAdder for counts.");
        throw report.failure();
    }

    /**
     * The report for a race that showed at run time ({@code race}), naming {@code unsafe} too, with the
     * findings, when the static check sees the state behind it: both are true, and the findings say where.
     */
    public static Teach.Report raceReport(Mistake race, Mistake unsafe, Class<?> anchor, Object instance) {
        List<Finding> found;
        try {
            found = findings(anchor, instance);
        } catch (RuntimeException e) {
            found = List.of();
        }
        Teach.Report report = found.isEmpty() ? race.report() : Teach.about(List.of(race, unsafe));
        if (!found.isEmpty()) {
            StringBuilder where = new StringBuilder("State that callbacks share unsafely:");
            for (Finding f : found) {
                where.append("\n- ").append(f.describe());
            }
            report.detail(where.toString());
        }
        return report;
    }

    private static java.util.Optional<Finding> collectionIn(Field f, Object instance) {
        try {
            f.setAccessible(true);
            Object value = f.get(instance);
            if (value != null && UNSAFE.contains(value.getClass().getName())) {
                return java.util.Optional.of(new Finding(f.getDeclaringClass().getSimpleName() + "." + f.getName(),
                        "a field holding a " + value.getClass().getSimpleName() + ", which is not thread-safe"));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // unreadable: nothing to say about it
        }
        return java.util.Optional.empty();
    }

    /**
     * Reads the class files with ASM (ArchUnit's copy): ArchUnit attributes a lambda's accesses to the method
     * that declares the lambda, and here it matters whether the write happens inside the callback.
     */
    private static List<Finding> plainFieldsWrittenFromCallbacks(Class<?> anchor) {
        List<Finding> found = new ArrayList<>();
        String packagePath = anchor.getPackageName().replace('.', '/');
        List<Path> classFiles = asynckit.testkit.internal.ClassFiles.of(anchor);
        for (Path file : classFiles) {
            try {
                scan(Files.readAllBytes(file), packagePath, anchor.getClassLoader(), found);
            } catch (IOException | RuntimeException e) {
                // unreadable class file: nothing to say about it
            }
        }
        found.sort(Comparator.comparing(Finding::where));
        return found;
    }

    private static String outerName(String className) {
        return className.substring(className.lastIndexOf('/') + 1).split("\\$")[0];
    }

    private static void scan(byte[] bytes, String packagePath, ClassLoader loader, List<Finding> found) {
        asynckit.testkit.internal.ClassFiles.scanMethods(bytes, (className, sourceFile, access, name, descriptor) -> {
                boolean nestedClass = className.contains("$");
                boolean lambda = name.startsWith("lambda$");
                boolean callback = lambda || (nestedClass && !name.equals("<init>") && !name.equals("<clinit>"));
                if (!callback || (access & Opcodes.ACC_SYNCHRONIZED) != 0) {
                    return null;
                }
                String where = lambda
                        ? outerName(className) + "." + name.split("\\$")[1] + "() (in a lambda)"
                        : outerName(className) + " (in " + className.substring(className.lastIndexOf('/') + 1) + "."
                                + name + "())";
                return new MethodVisitor(Opcodes.ASM9) {
                    private int line;
                    private int locks;
                    private boolean counterReported;

                    @Override
                    public void visitInsn(int opcode) {
                        if (opcode == Opcodes.MONITORENTER) {
                            locks++;
                        } else if (opcode == Opcodes.MONITOREXIT) {
                            locks = Math.max(0, locks - 1);
                        } else if ((opcode == Opcodes.IASTORE || opcode == Opcodes.LASTORE) && locks == 0
                                && !counterReported) {
                            counterReported = true;
                            found.add(new Finding(sourceFile + ":" + line, "a number kept in an int[] or long[] (a"
                                    + " counter shared with a callback) is changed in " + where + " without an"
                                    + " atomic or a lock"));
                        }
                    }

                    @Override
                    public void visitLineNumber(int number, Label start) {
                        line = number;
                    }

                    /** Fields this callback has read outside a lock: writing one back is a read-change-write. */
                    private final java.util.Set<String> read = new java.util.HashSet<>();

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String field, String desc) {
                        if (!owner.startsWith(packagePath)) {
                            return;
                        }
                        if (opcode == Opcodes.GETFIELD || opcode == Opcodes.GETSTATIC) {
                            if (locks == 0) {
                                read.add(owner + "." + field);
                            }
                            return;
                        }
                        int modifiers;
                        try {
                            modifiers = Class.forName(owner.replace('/', '.'), false, loader)
                                    .getDeclaredField(field).getModifiers();
                        } catch (ReflectiveOperationException | LinkageError e) {
                            return;
                        }
                        String simpleOwner = owner.substring(owner.lastIndexOf('/') + 1);
                        if (Modifier.isVolatile(modifiers) && locks == 0 && read.contains(owner + "." + field)) {
                            // count-- on a volatile field: each read and each write is seen by every thread, but
                            // two callbacks that read the same value both write back their own change.
                            found.add(new Finding(sourceFile + ":" + line, "the volatile field " + simpleOwner + "."
                                    + field + " is read and written back in " + where + ", a callback, without an"
                                    + " atomic or a lock: volatile makes each read and each write visible, not the"
                                    + " two together, so two callbacks at the same moment lose an update"));
                            return;
                        }
                        if (Modifier.isVolatile(modifiers) || Modifier.isFinal(modifiers)
                                || (modifiers & 0x1000) != 0 /* synthetic, e.g. this$0 */) {
                            return;
                        }
                        found.add(new Finding(sourceFile + ":" + line, "the plain field " + simpleOwner + "." + field
                                + " is written in " + where + ", a callback, without volatile, an atomic or a lock"));
                    }
                };
        });
    }
}
