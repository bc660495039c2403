package asynckit.grader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Builds learner repositories for end-to-end tests from the kit's stubs, solutions and hostile fixtures. */
final class Learners {
    static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();
    /**
     * The trusted build the end-to-end tests share: built once per commit of the kit and reused by every test
     * class and run after it ({@code -Dgrader.buildCache=false}: each builds its own).
     */
    static final Path BUILD_CACHE = "false".equals(System.getProperty("grader.buildCache")) ? null
            : ROOT.resolve("grader/target/trusted-build-cache");

    private Learners() {}

    /** A learner repository whose every exercise holds the stub with {@code layers} copied over it. */
    static Path repo(Path dir, boolean solutions) {
        try {
            for (Inventory.ExerciseSpec spec : Inventory.derive(ROOT).exercises()) {
                Path main = dir.resolve(spec.module()).resolve("src/main/java");
                copy(ROOT.resolve(spec.module()).resolve("src/main/java"), main);
                if (solutions) {
                    copy(ROOT.resolve("solutions").resolve(spec.id()).resolve("src/main/java"), main);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A learner repository holding only exercise 01: its stub with a hostile fixture laid over it (a file at
     * the fixture's top is {@code asynckit/ex01/NAME}; folders keep their place under {@code src/main/java}).
     */
    static Path hostile(Path dir, String fixture) {
        try {
            Path main = dir.resolve("exercises/01-waiting-problem/src/main/java");
            copy(ROOT.resolve("exercises/01-waiting-problem/src/main/java"), main);
            Path source = Path.of(Learners.class.getResource("/hostile/" + fixture).toURI());
            try (Stream<Path> files = Files.walk(source)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path rel = source.relativize(f);
                    Path target = rel.getNameCount() == 1 ? main.resolve("asynckit/ex01").resolve(rel.toString())
                            : main.resolve(rel.toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A learner repository holding exercise 01's reference solution. */
    static Path solved01(Path dir) throws IOException {
        Path main = dir.resolve("exercises/01-waiting-problem/src/main/java");
        copy(ROOT.resolve("exercises/01-waiting-problem/src/main/java"), main);
        copy(ROOT.resolve("solutions/01-waiting-problem/src/main/java"), main);
        return dir;
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
