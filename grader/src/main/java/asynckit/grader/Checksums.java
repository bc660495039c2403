package asynckit.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * SHA-256 of the files that decide how the learner's code is tested. Line endings are normalised
 * (CRLF and CR become LF) so a checkout on Windows matches the pristine checksums.
 */
public final class Checksums {
    private Checksums() {}

    /** Single files, relative to the root, that decide how every exercise is built and tested. */
    static final List<String> SHARED_FILES = List.of("pom.xml", "exercises/pom.xml", "mvnw", "mvnw.cmd", "kit",
            "kit.cmd", "course/pom.xml", "grader/pom.xml", "quizzes/pom.xml");
    /** Folders, relative to the root, whose every file decides how the exercises are tested. */
    static final List<String> SHARED_TREES = List.of(".mvn", "exercises/testkit", "course/src/main",
            "grader/src/main");

    /**
     * Files every exercise depends on: the build (poms, {@code .mvn/**}, the Maven wrapper), the launcher,
     * the testkit, the course reader and the grader itself (relative to the root).
     */
    static Map<String, String> shared(Path root) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        for (String file : SHARED_FILES) {
            put(root, root.resolve(file), sums);
        }
        for (String dir : SHARED_TREES) {
            tree(root, root.resolve(dir), sums);
        }
        return sums;
    }

    /** The quiz banks, relative to the root ({@code quizzes/banks/...}). */
    static Map<String, String> quizBanks(Path root) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        tree(root, root.resolve("quizzes/banks"), sums);
        return sums;
    }

    /**
     * An exercise's {@code pom.xml}, {@code exercise.yaml}, everything under {@code src/test} and every given
     * file under {@code src/main/java} (all but {@code learnerWrites}), relative to the exercise folder.
     */
    static Map<String, String> exercise(Path exerciseDir, List<String> learnerWrites) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        put(exerciseDir, exerciseDir.resolve("pom.xml"), sums);
        put(exerciseDir, exerciseDir.resolve("exercise.yaml"), sums);
        tree(exerciseDir, exerciseDir.resolve("src/test"), sums);
        Map<String, String> main = new TreeMap<>();
        tree(exerciseDir, exerciseDir.resolve("src/main/java"), main);
        for (String learner : learnerWrites) {
            main.remove("src/main/java/" + learner);
        }
        sums.putAll(main);
        return sums;
    }

    /** Every regular file under {@code dir} (none when it is missing), relative to {@code base}. */
    static Map<String, String> files(Path base, Path dir) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        tree(base, dir, sums);
        return sums;
    }

    private static void tree(Path base, Path dir, Map<String, String> sums) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !FileTrees.isBuildOutput(base.relativize(p))).sorted().toList()) {
                put(base, f, sums);
            }
        }
    }

    private static void put(Path base, Path file, Map<String, String> sums) throws IOException {
        if (Files.isSymbolicLink(file)) {
            sums.put(rel(base, file), "symlink");
        } else if (Files.isRegularFile(file)) {
            sums.put(rel(base, file), sha256(file));
        }
    }

    private static String rel(Path base, Path file) {
        return base.relativize(file).toString().replace('\\', '/');
    }

    static String sha256(Path file) throws IOException {
        return sha256(Files.readAllBytes(file));
    }

    static String sha256(byte[] content) {
        byte[] normalised = normaliseLineEndings(content);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(normalised));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] normaliseLineEndings(byte[] in) {
        byte[] out = new byte[in.length];
        int n = 0;
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '\r') {
                out[n++] = '\n';
                if (i + 1 < in.length && in[i + 1] == '\n') {
                    i++;
                }
            } else {
                out[n++] = b;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
