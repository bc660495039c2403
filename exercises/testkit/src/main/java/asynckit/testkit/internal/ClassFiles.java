package asynckit.testkit.internal;

import com.tngtech.archunit.thirdparty.org.objectweb.asm.ClassReader;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.ClassVisitor;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.MethodVisitor;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.Opcodes;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The class files of an exercise's production code: {@code anchor}'s package and below, where {@code anchor} was loaded from. */
public final class ClassFiles {
    private ClassFiles() {}

    /** The files, sorted; empty when the classes are not in a folder (a jar) or cannot be read. */
    public static List<Path> of(Class<?> anchor) {
        String packagePath = anchor.getPackageName().replace('.', '/');
        Path dir;
        try {
            URL location = anchor.getProtectionDomain().getCodeSource().getLocation();
            dir = Path.of(location.toURI()).resolve(packagePath);
        } catch (URISyntaxException | RuntimeException e) {
            return List.of();
        }
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Looks at one method of a class file: a visitor for its code, or null to skip it. */
    public interface MethodScanner {
        /**
         * @param className  the class's internal name ({@code a/b/C$1})
         * @param sourceFile the source file the class was compiled from ({@code C.java} when it does not say)
         */
        MethodVisitor method(String className, String sourceFile, int access, String name, String descriptor);
    }

    /** Reads a class file with ASM (ArchUnit's copy) and hands each method to {@code scanner}. */
    public static void scanMethods(byte[] bytes, MethodScanner scanner) {
        ClassReader reader = new ClassReader(bytes);
        String className = reader.getClassName();
        String[] source = {className.substring(className.lastIndexOf('/') + 1).split("\\$")[0] + ".java"};
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visitSource(String file, String debug) {
                if (file != null) {
                    source[0] = file;
                }
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return scanner.method(className, source[0], access, name, descriptor);
            }
        }, ClassReader.SKIP_FRAMES);
    }
}
