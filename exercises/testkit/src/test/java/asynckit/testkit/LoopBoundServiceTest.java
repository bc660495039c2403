package asynckit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import asynckit.testkit.fixtures.watched.Learner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LoopBoundServiceTest {
    static final Duration LONG = Duration.ofSeconds(30);

    private static <T> T onLoop(WatchedLoop loop, java.util.concurrent.Callable<T> action) throws Exception {
        return loop.executor().submit(action).get(LONG.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void callsRememberTheirThreadAndAnswersRunAsTasksOnTheLoop() throws Exception {
        try (WatchedLoop loop = WatchedLoop.start("loop")) {
            Timeline timeline = new Timeline();
            LoopBoundService<Long> sales = new LoopBoundService<>("sales", loop, timeline,
                    DroppedFutures.in(List.of(Learner.class)));
            CompletableFuture<Long> onLoop = onLoop(loop, () -> sales.call("north", "north"));
            CompletableFuture<Long> offLoop = sales.call("south", "south");

            assertThat(sales.callCount()).isEqualTo(2);
            assertThat(sales.offLoop()).singleElement().satisfies(c -> {
                assertThat(c.key()).isEqualTo("south");
                assertThat(c.thread()).isEqualTo(Thread.currentThread().getName());
                assertThat(c.label("sales")).isEqualTo("sales(south)");
            });
            assertThat(sales.pending()).extracting(LoopBoundService.Call::key).containsExactly("north", "south");

            AtomicReference<Thread> ranOn = new AtomicReference<>();
            CompletableFuture<Long> after = onLoop.thenApply(v -> {
                ranOn.set(Thread.currentThread());
                return v;
            });
            sales.complete("north", 1_250L);
            assertThat(after.get(LONG.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(1_250L);
            assertThat(loop.isLoopThread(ranOn.get())).isTrue();
            assertThat(timeline.startOrder()).containsExactly("sales(north)", "sales(south)");

            assertThatThrownBy(() -> sales.complete("east", 1L)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no pending call sales(east)").hasMessageContaining("[north, south]");
            assertThat(sales.releaseAll(key -> 0L)).isEqualTo(1);
            assertThat(offLoop).isCompletedWithValue(0L);
        }
    }

    @Test
    void answerAtOnceAndFailAtOnceDeliverOnTheLoopAsSoonAsTheCallIsMade() throws Exception {
        try (WatchedLoop loop = WatchedLoop.start("loop")) {
            LoopBoundService<String> source = new LoopBoundService<>("source", loop, new Timeline(),
                    DroppedFutures.in(List.of(Learner.class)));
            java.io.IOException down = new java.io.IOException("down");
            source.answerAtOnce(key -> key.toUpperCase(java.util.Locale.ROOT))
                    .failAtOnce(key -> key.equals("b") ? down : null);

            CompletableFuture<String> a = onLoop(loop, () -> source.call("a", null));
            CompletableFuture<String> b = onLoop(loop, () -> source.call("b", null));
            assertThat(a.get(LONG.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("A");
            assertThatThrownBy(() -> b.get(LONG.toMillis(), TimeUnit.MILLISECONDS)).hasCause(down);
            assertThat(source.pending()).isEmpty();
        }
    }

    @Test
    void theLearnersLineThatMadeTheCallIsKept() throws Exception {
        try (WatchedLoop loop = WatchedLoop.start("loop")) {
            DroppedFutures ledger = DroppedFutures.in(List.of(Learner.class));
            LoopBoundService<String> source = new LoopBoundService<>("save", loop, new Timeline(), ledger);
            onLoop(loop, () -> {
                Learner.drops(() -> source.call("report", "text"));
                return null;
            });
            assertThat(source.calls()).singleElement().satisfies(c -> {
                assertThat(c.onLoop()).isTrue();
                assertThat(c.site().getMethodName()).isEqualTo("drops");
                assertThat(c.argument()).isEqualTo("text");
            });
            assertThat(ledger.dropped()).singleElement().extracting(DroppedFutures.Entry::label).isEqualTo("save(report)");
        }
    }
}
