package asynckit.selftest;

import asynckit.course.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Remembers, during development only, which exercises passed the self-test with exactly their current
 * files: the exercise, its solutions and variants, the testkit, the course model and this harness. An
 * exercise whose key is remembered is not run again. Never used in CI ({@code CI=true}) or with
 * {@code -Dselftest.cache=false}; lives in solutions/target, so {@code ./mvnw clean} forgets it.
 */
final class SelfTestCache {
    record Key(Path marker) {}

    private SelfTestCache() {}

    static boolean enabled() {
        return !"true".equalsIgnoreCase(System.getenv("CI"))
                && Boolean.parseBoolean(System.getProperty("selftest.cache", "true"));
    }

    static Key key(Path root, Manifest m) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Path dir : List.of(root.resolve(m.module()), root.resolve("solutions").resolve(m.id()),
                root.resolve("exercises/testkit/src/main"), root.resolve("course/src/main"),
                root.resolve("solutions/src/test"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile)
                        .filter(f -> !root.relativize(f).toString().replace('\\', '/').contains("/target/"))
                        .sorted().toList()) {
                    sha.update(root.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    sha.update(Files.readAllBytes(f));
                }
            }
        }
        String hex = HexFormat.of().formatHex(sha.digest());
        return new Key(root.resolve("solutions/target/selftest-cache").resolve(m.id() + "-" + hex.substring(0, 24)));
    }

    static boolean passed(Key key) {
        return enabled() && Files.exists(key.marker());
    }

    /** Called after every check of the exercise passed (JUnit runs a container's tests in order). */
    static void remember(Key key) throws IOException {
        if (enabled()) {
            Files.createDirectories(key.marker().getParent());
            Files.writeString(key.marker(), "passed\n");
        }
    }
}
