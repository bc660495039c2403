package asynckit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The oracles of issue 9: Waits, Burst, Reachability and the loop's totals. */
class OraclesTest {
    static final Lesson LESSON = new Lesson("00-example");
    static final Mistake POOL = LESSON.mistake("blocked-a-pool-thread", "a pool thread waited.", 3);
    static final Mistake BUSY = LESSON.mistake("kept-the-loop-busy", "busy.", 3);
    static final Mistake BLOCKED = LESSON.mistake("blocked-the-loop", "blocked.", 3);

    @Test
    void aPoolThreadThatJoinsAServiceFutureIsSeenAndNamed() {
        ManualService<String> service = new ManualService<>("fetch");
        CompletableFuture<String> page = service.call("a");
        CompletableFuture<String> joined = CompletableFuture.supplyAsync(() -> page.thenApply(String::trim).join());

        assertThat(service.waits().awaitAny(Duration.ofSeconds(2))).isTrue();
        assertThatThrownBy(() -> service.waits().assertNone(POOL, "While a was pending", service.timeline()))
                .hasMessageContaining("[blocked-a-pool-thread]")
                .hasMessageContaining("called join()")
                .hasMessageContaining("OraclesTest.lambda");
        service.complete("a", " A ");
        assertThat(joined).succeedsWithin(Duration.ofSeconds(2)).isEqualTo("A");
    }

    @Test
    void theTestsOwnBoundedWaitAndCompletedFuturesAreNotWaits() {
        ManualService<String> service = new ManualService<>("fetch");
        CompletableFuture<String> page = service.call("a");
        assertThat(Settle.within(page, Duration.ofMillis(20)).pending()).isTrue();
        service.complete("a", "A");
        assertThat(page.join()).isEqualTo("A");
        assertThat(service.waits().seen()).isEmpty();
    }

    @Test
    void aBurstRunsEveryActionOnItsCompleterThreads() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Integer> ran = new CopyOnWriteArrayList<>();
        try (Burst burst = Burst.of(2)) {
            for (int round = 0; round < 20; round++) {
                List<Runnable> actions = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    int n = i;
                    actions.add(() -> {
                        threads.add(Thread.currentThread().getName());
                        ran.add(n);
                    });
                }
                burst.fire(actions);
            }
        }
        assertThat(ran).hasSize(80);
        assertThat(threads).containsExactlyInAnyOrder("completer-1", "completer-2");
    }

    @Test
    void aBurstHandsOnAnExceptionFromAnAction() {
        try (Burst burst = Burst.of(2)) {
            assertThatThrownBy(() -> burst.fire(List.of(() -> { }, () -> {
                throw new IllegalStateException("corrupted");
            }))).hasMessage("corrupted");
        }
    }

    static final class Keeper {
        final List<CompletableFuture<Void>> kept = new ArrayList<>();
    }

    @Test
    void heldFuturesAreCountedAndUnheldOnesAreCollected() {
        Keeper keeper = new Keeper();
        Reachability refs = new Reachability();
        for (int i = 0; i < 3; i++) {
            keeper.kept.add(refs.track(CompletableFuture.completedFuture(null), "kept " + i));
        }
        refs.track(new CompletableFuture<Void>(), "dropped");
        assertThat(Reachability.heldBy(keeper, CompletableFuture.class)).isEqualTo(3);
        assertThat(refs.stillReachable(Duration.ofSeconds(2))).containsExactly("kept 0", "kept 1", "kept 2");
        keeper.kept.clear();
        assertThat(refs.stillReachable(Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aLoopKeptBusyByTinyTasksFailsItsTotals() {
        try (WatchedLoop loop = WatchedLoop.start("loop")) {
            long tasks = loop.tasksRun();
            Duration cpu = loop.cpuTime();
            long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            CompletableFuture<Void> done = new CompletableFuture<>();
            loop.executor().execute(new Runnable() {
                @Override
                public void run() {
                    if (System.nanoTime() >= due) {
                        done.complete(null);
                    } else {
                        loop.executor().execute(this);
                    }
                }
            });
            assertThat(done).succeedsWithin(Duration.ofSeconds(5));
            assertThatThrownBy(() -> loop.assertFrugal(BUSY, BLOCKED, "one alarm", 10, Duration.ofMillis(50), tasks, cpu))
                    .hasMessageContaining("[kept-the-loop-busy]");
        }
    }

    @Test
    void aScheduledAlarmPassesTheTotals() {
        try (WatchedLoop loop = WatchedLoop.start("loop")) {
            long tasks = loop.tasksRun();
            Duration cpu = loop.cpuTime();
            CompletableFuture<Void> done = new CompletableFuture<>();
            loop.executor().schedule(() -> done.complete(null), 100, TimeUnit.MILLISECONDS);
            assertThat(done).succeedsWithin(Duration.ofSeconds(5));
            loop.assertFrugal(BUSY, BLOCKED, "one alarm", 10, Duration.ofMillis(50), tasks, cpu);
            assertThat(loop.scheduled()).hasSize(1);
        }
    }
}
