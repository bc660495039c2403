package asynckit.launcher;

import asynckit.engine.TestClassPath;
import static org.assertj.core.api.Assertions.assertThat;

import asynckit.engine.Engine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Drives {@code ./kit watch} as a learner would: start it, save files, press keys, read the screen. */

// The testkit on this class path sets a 30 s default per test; these run whole exercises.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@DisplayName("./kit watch")
class WatchTest {
    static final String ADDER = "exercises/01-adding/src/main/java/fixture/adding/Adder.java";
    static final String SOLVED = "package fixture.adding;\n\npublic final class Adder {\n"
            + "    public int add(int a, int b) {\n        return a + b;\n    }\n}\n";

    @TempDir
    Path root;

    private final StringWriter screen = new StringWriter();

    @ParameterizedTest(name = "file events: {0}")
    @ValueSource(booleans = {true, false})
    @DisplayName("a save shows the new result; h, n and q do what the footer says (with file events, and by polling alone)")
    void saveThenKeys(boolean events) throws Exception {
        KitCopy.copyTree(GoldenFilesTest.FIXTURE, root);
        Kit kit = new Kit(root, TestClassPath.defaults());
        BlockingQueue<Integer> keys = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> exit;
        try (Engine engine = new Engine()) {
            Watch watch = new Watch(kit, engine, kit.find("01"), new PrintWriter(screen, true), Style.PLAIN, false,
                    events);
            exit = CompletableFuture.supplyAsync(() -> {
                try {
                    return watch.run(() -> {
                        try {
                            return keys.take();
                        } catch (InterruptedException e) {
                            return -1;
                        }
                    });
                } catch (IOException | RuntimeException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitScreen("0/3 passed · 0/5 points · first to fix: Adder.add is not written yet", 1);

            long saved = System.nanoTime();
            Files.writeString(root.resolve(ADDER), SOLVED);
            awaitScreen("3/3 passed · 5/5 points · next: 02 halving", 1);
            Duration took = Duration.ofNanos(System.nanoTime() - saved);
            assertThat(screen.toString()).contains("---- run 2 (saved)");

            keys.put((int) 'h');
            awaitScreen("Hint 1 of 2", 1);
            keys.put((int) 'n');
            awaitScreen("0/1 passed · 0/5 points · first to fix: Halver.half is not written yet", 1);
            keys.put((int) 'q');
            assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
            assertThat(screen.toString()).endsWith("Stopped watching.\n");
            System.out.printf("watch (file events %s): save to result in %d ms%n", events, took.toMillis());
        }
    }

    private void awaitScreen(String text, int times) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count(screen.toString(), text) < times) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the screen never showed \"" + text + "\"; it shows:\n" + screen);
            }
            Thread.sleep(20);
        }
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
