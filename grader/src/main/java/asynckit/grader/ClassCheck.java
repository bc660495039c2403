package asynckit.grader;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the learner's compiled classes (their constant pools: every class, method and field a class
 * uses is named there, however the source hides it) before any of them runs.
 * <ul>
 *   <li><b>Refused</b> (the exercise scores 0 and is flagged): a class outside the exercise's own packages
 *       (a copy of {@code asynckit.testkit} or {@code org.junit} classes), and the means to read or change
 *       the tests' state or to tell a test from real use: reflection, stack inspection, {@code Unsafe} and
 *       JDK internals, class loaders, instrumentation and management, native code, replacing
 *       {@code System.out} or system properties.</li>
 *   <li><b>Flagged</b> (points kept): starting other processes, writing files, ending the JVM.</li>
 * </ul>
 */
final class ClassCheck {
    /** What was found: reasons to refuse, reasons to flag (each a sentence naming the class and the call). */
    record Findings(List<String> refused, List<String> flagged) {
        boolean clean() {
            return refused.isEmpty() && flagged.isEmpty();
        }
    }

    private static final List<String> REFUSED_OWNERS = List.of("java/lang/reflect/", "sun/", "jdk/internal/",
            "com/sun/", "java/lang/management/", "javax/management/", "java/lang/instrument/", "java/lang/foreign/",
            "java/lang/StackWalker", "java/lang/ClassLoader", "java/lang/ModuleLayer", "java/lang/Module",
            "java/lang/invoke/MethodHandles", "java/lang/invoke/MethodHandleProxies", "java/net/URLClassLoader",
            "java/lang/SecurityManager");
    private static final Set<String> REFUSED_NAMES = Set.of("getStackTrace", "getAllStackTraces", "setStackTrace",
            "setAccessible", "trySetAccessible", "privateLookupIn", "getProtectionDomain", "defineClass",
            "defineHiddenClass");
    private static final Set<String> CLASS_ALLOWED = Set.of("getName", "getSimpleName", "getCanonicalName",
            "getTypeName", "getPackageName", "isInstance", "cast", "isAssignableFrom", "toString", "hashCode",
            "equals", "desiredAssertionStatus", "getComponentType", "isArray", "isPrimitive", "isInterface",
            "isRecord", "isEnum", "getEnumConstants", "getSuperclass", "getInterfaces", "arrayType",
            "componentType", "describeConstable", "descriptorString");
    private static final Set<String> SYSTEM_REFUSED = Set.of("setOut", "setErr", "setIn", "setProperty",
            "clearProperty", "setProperties", "setSecurityManager", "load", "loadLibrary");
    private static final List<String> PROCESS_OWNERS = List.of("java/lang/ProcessBuilder", "java/lang/ProcessHandle",
            "java/lang/Process");
    private static final List<String> FILE_WRITERS = List.of("java/io/FileOutputStream", "java/io/FileWriter",
            "java/io/RandomAccessFile", "java/nio/channels/FileChannel", "java/nio/channels/AsynchronousFileChannel");
    private static final Set<String> FILES_WRITING = Set.of("write", "writeString", "newOutputStream",
            "newBufferedWriter", "copy", "move", "delete", "deleteIfExists", "createFile", "createDirectory",
            "createDirectories", "createLink", "createSymbolicLink", "createTempFile", "createTempDirectory",
            "newByteChannel", "setAttribute", "setLastModifiedTime", "setPosixFilePermissions", "setOwner");

    private ClassCheck() {}

    /**
     * @param classesDir     the compiled output
     * @param learnerClasses binary names of the classes compiled from the learner's files
     * @param packages       the exercise's own packages
     */
    static Findings check(Path classesDir, Set<String> learnerClasses, List<String> packages) throws IOException {
        Set<String> refused = new LinkedHashSet<>();
        Map<String, Set<String>> refusedCalls = new LinkedHashMap<>();
        Map<String, Set<String>> flaggedCalls = new LinkedHashMap<>();
        List<Path> files;
        try (var walk = Files.walk(classesDir)) {
            files = walk.filter(f -> f.toString().endsWith(".class")).sorted().toList();
        }
        for (Path file : files) {
            String binary = classesDir.relativize(file).toString().replace('\\', '/');
            binary = binary.substring(0, binary.length() - ".class".length()).replace('/', '.');
            String pkg = binary.contains(".") ? binary.substring(0, binary.lastIndexOf('.')) : "";
            if (!packages.contains(pkg)) {
                refused.add("declares " + binary + " in package " + (pkg.isEmpty() ? "(none)" : pkg)
                        + ", outside the exercise's own " + String.join(", ", packages)
                        + " (a class of the tests, the testkit or a library cannot be replaced)");
                continue;
            }
            if (!learnerClasses.contains(binary) && !isNestedOf(binary, learnerClasses)) {
                continue;
            }
            String top = binary.substring(binary.lastIndexOf('.') + 1);
            top = top.contains("$") ? top.substring(0, top.indexOf('$')) : top;
            for (String[] ref : memberRefs(Files.readAllBytes(file))) {
                String owner = ref[0], name = ref[1];
                String call = owner.substring(owner.lastIndexOf('/') + 1) + "." + name;
                String refusal = refusal(owner, name);
                if (refusal != null) {
                    refusedCalls.computeIfAbsent(top + " uses " + refusal, k -> new LinkedHashSet<>()).add(call);
                } else if (PROCESS_OWNERS.contains(owner) || owner.equals("java/lang/Runtime") && name.equals("exec")) {
                    flaggedCalls.computeIfAbsent(top + " starts other processes", k -> new LinkedHashSet<>()).add(call);
                } else if (FILE_WRITERS.contains(owner) && (name.equals("<init>") || name.equals("open"))
                        || owner.equals("java/nio/file/Files") && FILES_WRITING.contains(name)) {
                    flaggedCalls.computeIfAbsent(top + " writes files", k -> new LinkedHashSet<>()).add(call);
                } else if (owner.equals("java/lang/System") && name.equals("exit")
                        || owner.equals("java/lang/Runtime") && (name.equals("exit") || name.equals("halt"))) {
                    flaggedCalls.computeIfAbsent(top + " can end the JVM", k -> new LinkedHashSet<>()).add(call);
                }
            }
        }
        refusedCalls.forEach((what, calls) -> refused.add(what + " (" + String.join(", ", calls) + ")"));
        List<String> flagged = new ArrayList<>();
        flaggedCalls.forEach((what, calls) -> flagged.add(what + " (" + String.join(", ", calls) + ")"));
        return new Findings(List.copyOf(refused), List.copyOf(flagged));
    }

    private static boolean isNestedOf(String binary, Set<String> learnerClasses) {
        int dollar = binary.indexOf('$');
        return dollar > 0 && learnerClasses.contains(binary.substring(0, dollar));
    }

    /** Why a use is refused, or null when it is not. */
    static String refusal(String owner, String name) {
        for (String prefix : REFUSED_OWNERS) {
            if (owner.equals(prefix) || prefix.endsWith("/") && owner.startsWith(prefix)
                    || owner.startsWith(prefix + "$")) {
                return owner.startsWith("java/lang/reflect/") || owner.startsWith("java/lang/invoke/")
                        ? "reflection" : owner.equals("java/lang/StackWalker") ? "stack inspection" : "JDK internals";
            }
        }
        if (REFUSED_NAMES.contains(name)) {
            return name.contains("StackTrace") ? "stack inspection" : "reflection";
        }
        if (owner.equals("java/lang/Class") && !CLASS_ALLOWED.contains(name)) {
            return "reflection";
        }
        if (owner.equals("java/lang/System") && SYSTEM_REFUSED.contains(name)) {
            return "changes the test JVM's settings or output";
        }
        if (owner.equals("java/lang/Runtime") && (name.equals("load") || name.equals("loadLibrary"))) {
            return "native code";
        }
        return null;
    }

    /** Every (owner, name) of the class's field, method and interface-method references. */
    static List<String[]> memberRefs(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        int[][] refs = new int[count][];
        int[] natName = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 7 -> classNameIndex[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 9, 10, 11 -> refs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                case 12 -> {
                    natName[i] = in.readUnsignedShort();
                    in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 17, 18 -> {
                    in.readUnsignedShort();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        List<String[]> out = new ArrayList<>();
        for (int[] ref : refs) {
            if (ref != null) {
                String owner = utf8[classNameIndex[ref[0]]];
                String name = utf8[natName[ref[1]]];
                if (owner != null && name != null) {
                    out.add(new String[] {owner, name});
                }
            }
        }
        return out;
    }
}
