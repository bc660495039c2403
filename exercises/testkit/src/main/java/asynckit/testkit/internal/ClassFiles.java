package asynckit.testkit.internal;

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
}
