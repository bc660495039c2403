package asynckit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Settle's early stop and Patience's proof. Bounds are short where only a pending future is waited for. */
class PatienceTest {
    @Test
    void everyWaitGetsTheFullBoundUntilOneRunsItOutThenAQuarterWithTheProofInItsMessage() {
        Patience patience = Patience.of(Duration.ofMillis(200));
        assertThat(patience.settle(CompletableFuture.completedFuture("done"), "quick()").value()).isEqualTo("done");
        assertThat(patience.bound()).isEqualTo(Duration.ofMillis(200));
        assertThat(patience.proof()).isNull();

        Settle<String> first = patience.settle(new CompletableFuture<>(), "fetchAll(a)");
        assertThat(first.pending()).isTrue();
        assertThat(first.because()).isNull();
        assertThat(patience.proof()).isEqualTo("fetchAll(a) was still pending after 200 ms");
        assertThat(patience.bound()).isEqualTo(Duration.ofMillis(50));

        Settle<String> second = patience.settle(new CompletableFuture<>(), "fetchAll(b)");
        assertThat(second.waited()).isEqualTo(Duration.ofMillis(50));
        assertThat(second.because()).contains("already waited 200 ms in vain: fetchAll(a) was still pending");
        Mistake never = new Lesson("00-example").mistake("never-completed", "never.", 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> second.value(never, never, "fetchAll(b)"))
                .hasMessageContaining("fetchAll(b) was still not complete after 50 ms (an earlier check");

        CompletableFuture<String> late = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS).execute(() -> late.complete("late"));
        assertThat(Patience.of(Duration.ofSeconds(30)).settle(late, "late()").value()).isEqualTo("late");
    }

    @Test
    void aWaitForACallThatNeverCameShortensTheNextOnes() {
        Patience patience = Patience.of(Duration.ofMillis(400));
        java.util.List<Duration> given = new java.util.ArrayList<>();
        assertThat(patience.await("save(hi) was called", bound -> given.add(bound) && true)).isTrue();
        assertThat(patience.await("save(hi) was called", bound -> !given.add(bound))).isFalse();
        assertThat(patience.proof()).isEqualTo("save(hi) was called did not happen within 400 ms");
        assertThat(patience.await("save(yo) was called", bound -> !given.add(bound))).isFalse();
        assertThat(given).containsExactly(Duration.ofMillis(400), Duration.ofMillis(400), Duration.ofMillis(100));
    }

    @Test
    void aPlainWaitOnAQuietMachineTakesItsBoundAndNoMore() {
        long start = System.nanoTime();
        Settle<String> settled = Settle.within(new CompletableFuture<>(), Duration.ofMillis(120));
        long took = (System.nanoTime() - start) / 1_000_000;
        assertThat(settled.pending()).isTrue();
        assertThat(settled.waited()).isEqualTo(Duration.ofMillis(120));
        // On the clock: the bound, stretched by at most what the machine took from the waiter (three times the bound).
        assertThat(took).isBetween(119L, 3 * 120L + 100);
        assertThat(Settle.within(CompletableFuture.completedFuture("x"), Duration.ZERO).value()).isEqualTo("x");
        assertThat(Settle.within(new CompletableFuture<>(), Duration.ZERO).pending()).isTrue();
    }

    @Test
    void aWaitStopsAsSoonAsItIsHopelessAndSaysWhy() {
        Settle<String> settled = Settle.within(new CompletableFuture<>(), Duration.ofSeconds(30),
                () -> "the loop's only timer is due in 200000 s");
        assertThat(settled.pending()).isTrue();
        assertThat(settled.because()).isEqualTo("the loop's only timer is due in 200000 s");
        assertThat(settled.waited()).isLessThan(Duration.ofSeconds(30));

        CompletableFuture<String> done = CompletableFuture.completedFuture("rang");
        assertThat(Settle.within(done, Duration.ofSeconds(30), () -> "hopeless").value()).isEqualTo("rang");
    }

    @Test
    void theLoopIsHopelessOnlyWhenEveryTimerItHoldsIsDueAfterTheDeadline() throws Exception {
        try (WatchedLoop loop = WatchedLoop.start("loop")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            assertThat(loop.dueOnlyAfter(deadline)).as("an empty loop proves nothing").isNull();

            var far = loop.executor().schedule(() -> { }, 200_000, TimeUnit.SECONDS);
            assertThat(loop.dueOnlyAfter(deadline))
                    .matches("the loop's only timer is due in (199999|200000) s, after the test stops waiting");
            var near = loop.executor().schedule(() -> { }, 10, TimeUnit.SECONDS);
            assertThat(loop.dueOnlyAfter(deadline)).as("a timer due in time could still ring").isNull();
            near.cancel(false);
            far.cancel(false);
        }
    }
}
