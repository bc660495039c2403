package asynckit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import asynckit.testkit.fixtures.watched.Learner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AbortableCallsTest {
    static final Duration LONG = Duration.ofSeconds(30);
    final VirtualTime time = new VirtualTime();
    final AbortableCalls<String> calls = AbortableCalls.onClock(time);

    @Test
    void eachCallEndsOnceAnsweredFailedOrAbortedAndNotBecauseItsFutureWasCancelled() {
        AbortableCalls<String>.Call reserve = calls.start("reserve(apple)");
        AbortableCalls<String>.Call charge = calls.start("charge(r-1)");
        AbortableCalls<String>.Call confirm = calls.start("confirm(p-1)");
        AbortableCalls<String>.Call price = calls.start("price(pear)");

        assertThat(calls.answer("reserve(apple)", "r-1")).isTrue();
        assertThat(calls.fail("charge(r-1)", new java.io.IOException("declined"))).isTrue();
        confirm.abort();
        price.result().cancel(true);

        assertThat(reserve.state()).isEqualTo(AbortableCalls.State.ANSWERED);
        assertThat(reserve.result()).isCompletedWithValue("r-1");
        assertThat(charge.state()).isEqualTo(AbortableCalls.State.FAILED);
        assertThat(confirm.state()).isEqualTo(AbortableCalls.State.ABORTED);
        assertThat(confirm.result()).isCompletedExceptionally();
        assertThat(calls.aborted()).containsExactly("confirm(p-1)");
        assertThat(calls.inFlight()).containsExactly("price(pear)");
        assertThat(calls.inFlightButFutureDone()).containsExactly("price(pear)");
        assertThat(calls.answer("confirm(p-1)", "late")).isFalse();
        assertThat(calls.stateOf("price(pear)")).isEqualTo(AbortableCalls.State.IN_FLIGHT);
        assertThat(calls.stateOf("never")).isNull();
        assertThat(calls.started()).containsExactly("reserve(apple)", "charge(r-1)", "confirm(p-1)", "price(pear)");
        assertThat(charge.toString()).isEqualTo("charge(r-1) failed");
    }

    @Test
    void renderDrawsEveryCallOnTheVirtualClockWithHowItEndedAndTheMarker() {
        calls.start("reserve(apple)");
        time.advance(Duration.ofMillis(100));
        calls.answer("reserve(apple)", "r-1");
        calls.start("charge(r-1)");
        time.advance(Duration.ofMillis(150));
        calls.start("confirm(p-1)").abort();
        calls.start("price(pear)");
        time.advance(Duration.ofMillis(50));

        String drawn = calls.render("deadline", Duration.ofMillis(300));
        assertThat(drawn).contains("0 ms").contains("300 ms")
                .containsPattern("reserve\\(apple\\) +\\[=+\\] +100 ms  answered")
                .containsPattern("charge\\(r-1\\) +\\[=+> +200 ms  still in flight")
                .contains("aborted")
                .containsPattern("deadline +\\s+\\|  at 300 ms");
    }

    @Test
    void aHookRunsInsideTheStartOfTheCallWithItsLabel() {
        AtomicBoolean ran = new AtomicBoolean();
        calls.whenStarted("price(apple)", () -> ran.set(calls.answer("price(apple)", "4.20 EUR")));
        AbortableCalls<String>.Call call = calls.start("price(apple)");
        assertThat(ran).isTrue();
        assertThat(call.result()).isCompletedWithValue("4.20 EUR");
    }

    @Test
    void aWaitFromTheLearnersCodeOnAPendingCallIsRecordedButNotTheTestsOwn() throws Exception {
        calls.watchWaitsFrom(LearnerCode.of(List.of(Learner.class)));
        AbortableCalls<String>.Call call = calls.start("price(apple)");
        assertThat(Settle.within(call.result(), Duration.ofMillis(10)).pending()).isTrue();
        CompletableFuture<String> joined = CompletableFuture.supplyAsync(
                () -> Learner.joins(call.result().thenApply(String::trim)));
        long deadline = System.nanoTime() + LONG.toNanos();
        while (calls.waits().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(calls.waits()).singleElement().satisfies(w -> {
            assertThat(w.method()).isEqualTo("join()");
            assertThat(w.describe()).contains("called join() on a future of price(apple) that was still pending")
                    .contains("Learner.joins");
        });
        calls.answer("price(apple)", " 4.20 EUR ");
        assertThat(joined.get(LONG.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo("4.20 EUR");
        assertThat(calls.awaitEnded("price(apple)", LONG)).isTrue();
    }

    @Test
    void abortingFailsTheFutureWithACancellation() {
        AbortableCalls<String>.Call call = calls.start("price(apple)");
        call.abort();
        assertThat(call.result().isCancelled()).isTrue();
        assertThat(Settle.within(call.result(), Duration.ZERO).failure()).isInstanceOf(CancellationException.class);
    }
}
