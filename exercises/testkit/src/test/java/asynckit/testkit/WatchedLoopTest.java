package asynckit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WatchedLoopTest {
    static final Mistake BLOCKED = new Lesson("00-example").mistake("blocked-the-loop", "blocked.", 3);

    @Test
    void aSleepingTaskIsReportedWithItsLine() throws Exception {
        try (WatchedLoop loop = WatchedLoop.start("loop")) {
            loop.executor().submit(() -> {
                Thread.sleep(120);
                return null;
            }).get();

            assertThatThrownBy(() -> loop.assertNeverBlocked(BLOCKED, null))
                    .hasMessageContaining("[blocked-the-loop]")
                    .hasMessageContaining("TIMED_WAITING")
                    .hasMessageContaining("WatchedLoopTest.java")
                    .hasMessageContaining("loop task #");
            assertThat(loop.episodes()).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(WatchedLoop.Kind.BLOCKED);
                assertThat(e.millis()).isBetween(60L, 10_000L);
            });
        }
    }

    @Test
    void aSpinningTaskIsReportedAsHoggingTheLoop() throws Exception {
        try (WatchedLoop loop = WatchedLoop.start("loop")) {
            long spin = loop.hogThreshold().toNanos() * 2;
            loop.executor().submit(() -> {
                long end = System.nanoTime() + spin;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
            }).get();

            assertThat(loop.episodes()).singleElement()
                    .extracting(WatchedLoop.Episode::kind).isEqualTo(WatchedLoop.Kind.HOGGED);
        }
    }

    @Test
    void aTaskBlockedInNativeIoIsReportedThoughItUsesNoCpu() throws Exception {
        // Blocking I/O reads RUNNABLE to Java and uses no CPU, like a task the machine preempted; the native
        // frame tells them apart.
        java.nio.channels.Pipe pipe = java.nio.channels.Pipe.open();
        try (WatchedLoop loop = WatchedLoop.start("loop")) {
            CompletableFuture<?> read = CompletableFuture.runAsync(() -> {
                try {
                    pipe.source().read(java.nio.ByteBuffer.allocate(1));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, loop.executor());
            Thread.sleep(loop.hogThreshold().multipliedBy(3).toMillis());
            pipe.sink().write(java.nio.ByteBuffer.wrap(new byte[] {1}));
            read.get();

            assertThat(loop.episodes()).singleElement()
                    .extracting(WatchedLoop.Episode::kind).isEqualTo(WatchedLoop.Kind.HOGGED);
        } finally {
            pipe.sink().close();
            pipe.source().close();
        }
    }

    @Test
    void manyQuickTasksAndAnIdleLoopAreFine() throws Exception {
        try (WatchedLoop loop = WatchedLoop.start("loop")) {
            CompletableFuture<Void> last = new CompletableFuture<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                loop.executor().schedule(() -> {
                    if (n == 199) {
                        last.complete(null);
                    }
                }, i, TimeUnit.MILLISECONDS);
            }
            last.get(5, TimeUnit.SECONDS);
            Thread.sleep(50);

            loop.assertNeverBlocked(BLOCKED, null);
            assertThat(loop.episodes()).isEmpty();
        }
    }
}
