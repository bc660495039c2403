package asynckit.engine;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Where the libraries an exercise's tests run with (JUnit, AssertJ, ArchUnit, the testkit, ...) are found. */
public final class TestClassPath {
    private TestClassPath() {}

    /**
     * {@code -Dkit.lib=DIR} (every jar in it, as ./kit passes launcher/target/lib), else this JVM's own class
     * path (a test run under Surefire).
     */
    public static List<Path> defaults() throws IOException {
        String lib = System.getProperty("kit.lib");
        if (lib != null && !lib.isBlank()) {
            try (Stream<Path> jars = Files.list(Path.of(lib))) {
                return jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            }
        }
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        List<Path> out = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                out.add(Path.of(entry));
            }
        }
        return out;
    }
}
