package asynckit.launcher;

import asynckit.course.Course;
import asynckit.course.Manifest;
import asynckit.engine.RunRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** The kit a command works on: its root folder, its exercises, and where the tests' libraries are. */
public final class Kit {
    private final Path root;
    private final List<Manifest> course;
    private final List<Path> testClassPath;

    public Kit(Path root, List<Path> testClassPath) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.course = Course.discover(this.root);
        this.testClassPath = List.copyOf(testClassPath);
    }

    public Path root() {
        return root;
    }

    public List<Manifest> course() {
        return course;
    }

    public Manifest find(String key) {
        return Course.find(course, key);
    }

    public Path dir(Manifest m) {
        return root.resolve(m.module());
    }

    /** The exercise after {@code m}, if any. */
    public Optional<Manifest> after(Manifest m) {
        int i = course.indexOf(m);
        return i >= 0 && i + 1 < course.size() ? Optional.of(course.get(i + 1)) : Optional.empty();
    }

    /** The reference solution's source root, when this copy of the kit has solutions. */
    public Optional<Path> solutionRoot(Manifest m) {
        Path p = root.resolve("solutions").resolve(m.id()).resolve("src/main/java");
        return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }

    /** A request to run the exercise as it is on disk (the learner's code). */
    public RunRequest request(Manifest m) {
        return RunRequest.forExercise(dir(m), List.of(), testClassPath, root.resolve(".kit/work"))
                .withCapturedOutput(true);
    }

    /** A learner file, relative to the kit's root. */
    public String learnerPath(Manifest m, String file) {
        return m.module() + "/src/main/java/" + file;
    }

    /** A digest of the learner's files: a recorded result holds while it is unchanged. */
    public String digest(Manifest m) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String f : m.learnerWrites()) {
                sha.update(f.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                Path p = root.resolve(learnerPath(m, f));
                sha.update(Files.isRegularFile(p) ? Files.readAllBytes(p) : new byte[] {0});
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How a path is shown: relative to the kit's root, forward slashes. */
    public String shown(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return (abs.startsWith(root) ? root.relativize(abs) : abs).toString().replace('\\', '/');
    }
}
