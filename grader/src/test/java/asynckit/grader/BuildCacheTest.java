package asynckit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trusted-build cache: reused only whole and intact, keyed by every file of the snapshot, safe in parallel. */
@DisplayName("Trusted build cache: reused only when complete and intact")
class BuildCacheTest {
    @TempDir
    Path temp;

    static final Map<String, List<String>> INDEX = Map.of("01-x", List.of("kit:exercises/testkit/target/classes",
            "lib:junit.jar"));

    private Path built(String name, String content) throws IOException {
        Path kit = temp.resolve(name + "/kit");
        Files.createDirectories(kit.resolve("exercises/testkit/target/classes"));
        Files.writeString(kit.resolve("pom.xml"), content);
        Files.writeString(kit.resolve("exercises/testkit/target/classes/A.class"), "bytes of A");
        Path lib = Files.createDirectories(temp.resolve(name + "/lib"));
        Files.writeString(lib.resolve("junit.jar"), "a jar");
        return temp.resolve(name);
    }

    @Test
    @DisplayName("a stored build comes back whole into another run's folders; another snapshot misses")
    void storeAndRestore() throws IOException {
        Path cache = temp.resolve("cache");
        Path first = built("first", "<project/>");
        String key = BuildCache.key(first.resolve("kit"), List.of("exercises/01-x"));
        assertThat(BuildCache.restore(cache, key, first.resolve("kit"), first.resolve("lib"))).isNull();
        BuildCache.store(cache, key, first.resolve("kit"), first.resolve("lib"), INDEX);

        Path second = temp.resolve("second");
        Files.createDirectories(second.resolve("kit"));
        Files.writeString(second.resolve("kit/pom.xml"), "<project/>");
        Map<String, List<String>> index = BuildCache.restore(cache, key, second.resolve("kit"),
                Files.createDirectories(second.resolve("lib")));
        assertThat(index).isEqualTo(INDEX);
        assertThat(second.resolve("kit/exercises/testkit/target/classes/A.class")).hasContent("bytes of A");
        assertThat(second.resolve("lib/junit.jar")).hasContent("a jar");

        Path changed = built("changed", "<project><!-- one byte more --></project>");
        assertThat(BuildCache.key(changed.resolve("kit"), List.of("exercises/01-x"))).isNotEqualTo(key);
        assertThat(BuildCache.key(first.resolve("kit"), List.of("exercises/01-x", "exercises/02-y"))).isNotEqualTo(key);
    }

    @Test
    @DisplayName("an entry with a changed, missing or added file, or no checksum list (incomplete), is never used")
    void damagedEntriesMiss() throws IOException {
        Path cache = temp.resolve("cache");
        Path run = built("run", "<project/>");
        String key = BuildCache.key(run.resolve("kit"), List.of());
        BuildCache.store(cache, key, run.resolve("kit"), run.resolve("lib"), INDEX);
        Path entry = cache.resolve(key);
        Path target = temp.resolve("target");

        Files.writeString(entry.resolve("kit/exercises/testkit/target/classes/A.class"), "tampered");
        assertThat(BuildCache.restore(cache, key, target.resolve("kit"), target.resolve("lib"))).isNull();
        Files.writeString(entry.resolve("kit/exercises/testkit/target/classes/A.class"), "bytes of A");
        assertThat(BuildCache.restore(cache, key, target.resolve("kit"), Files.createDirectories(target.resolve("lib"))))
                .isNotNull();

        Files.writeString(entry.resolve("lib/extra.jar"), "planted");
        assertThat(BuildCache.restore(cache, key, target.resolve("kit"), target.resolve("lib"))).isNull();
        Files.delete(entry.resolve("lib/extra.jar"));
        Files.delete(entry.resolve("lib/junit.jar"));
        assertThat(BuildCache.restore(cache, key, target.resolve("kit"), target.resolve("lib"))).isNull();

        Path incomplete = cache.resolve("incomplete");
        Files.createDirectories(incomplete.resolve("kit"));
        assertThat(BuildCache.restore(cache, "incomplete", target.resolve("kit"), target.resolve("lib"))).isNull();
    }

    @Test
    @DisplayName("runs storing and reading the same entry at once: one entry, every reader gets it whole or not at"
            + " all, no leftovers")
    void concurrentUse() throws Exception {
        Path cache = temp.resolve("cache");
        Path run = built("run", "<project/>");
        String key = BuildCache.key(run.resolve("kit"), List.of());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Map<String, List<String>>>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int n = i;
                Callable<Map<String, List<String>>> task = () -> {
                    try (BuildCache.Lock lock = BuildCache.lock(cache, key)) {
                        Path mine = temp.resolve("reader-" + n);
                        Map<String, List<String>> index = BuildCache.restore(cache, key, mine.resolve("kit"),
                                Files.createDirectories(mine.resolve("lib")));
                        if (index == null) {
                            BuildCache.store(cache, key, run.resolve("kit"), run.resolve("lib"), INDEX);
                            return null;
                        }
                        assertThat(mine.resolve("kit/exercises/testkit/target/classes/A.class")).hasContent("bytes of A");
                        return index;
                    }
                };
                results.add(pool.submit(task));
            }
            int misses = 0;
            for (Future<Map<String, List<String>>> r : results) {
                if (r.get() == null) {
                    misses++;
                } else {
                    assertThat(r.get()).isEqualTo(INDEX);
                }
            }
            assertThat(misses).as("the lock lets one run build; the others reuse it").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> entries = Files.list(cache)) {
            assertThat(entries.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".lock-")))
                    .containsExactly(key);
        }
    }
}
