package asynckit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AsyncServiceTest {

    @Test
    void answersAfterTheLatencyOnItsOwnThread() {
        try (AsyncService service = AsyncService.named("svc").latency(Duration.ofMillis(200))) {
            long start = System.nanoTime();
            CompletableFuture<Thread> on = service.call("k", () -> "v").thenApply(v -> Thread.currentThread());
            Thread thread = on.join();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(199));
            assertThat(thread.getName()).isEqualTo("sim-svc");
            assertThat(service.timeline().calls()).singleElement().satisfies(c -> {
                assertThat(c.label()).isEqualTo("svc(k)");
                assertThat(c.outcome()).isEqualTo(Timeline.Outcome.SUCCEEDED);
            });
        }
    }

    @Test
    void aRendezvousLetsCallsThroughOnlyWhenEnoughAreInFlight() {
        try (AsyncService service = AsyncService.named("svc").latency(Duration.ofMillis(10))
                .rendezvous(new Rendezvous(3, Duration.ofSeconds(5)))) {
            List<CompletableFuture<String>> calls = List.of(
                    service.call("a", () -> "A"), service.call("b", () -> "B"));
            assertThat(calls).noneMatch(CompletableFuture::isDone);
            assertThat(service.rendezvousReached()).isFalse();

            CompletableFuture<String> third = service.call("c", () -> "C");

            assertThat(CompletableFuture.allOf(calls.get(0), calls.get(1), third)).succeedsWithin(Duration.ofSeconds(2));
            assertThat(service.rendezvousReached()).isTrue();
            assertThat(service.timeline().peak()).isEqualTo(3);
            assertThat(service.call("d", () -> "D")).as("calls after the rendezvous are answered")
                    .succeedsWithin(Duration.ofSeconds(2)).isEqualTo("D");
        }
    }

    @Test
    void callsMadeOneAtATimeFailAfterTheBound() {
        try (AsyncService service = AsyncService.named("svc").latency(Duration.ofMillis(1))
                .rendezvous(new Rendezvous(2, Duration.ofMillis(150)))) {
            CompletableFuture<String> first = service.call("a", () -> "A");

            assertThat(first).failsWithin(Duration.ofSeconds(3))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .havingCause()
                    .isInstanceOf(NotConcurrentException.class)
                    .withMessageContaining("answers only when 2 calls are in flight together")
                    .withMessageContaining("only 1 had been");
            assertThat(service.timeline().calls()).singleElement()
                    .extracting(Timeline.Call::outcome).isEqualTo(Timeline.Outcome.FAILED);
        }
    }

    @Test
    void injectedFailuresFailTheCall() {
        IllegalStateException boom = new IllegalStateException("boom");
        try (AsyncService service = AsyncService.named("svc").latency(Duration.ofMillis(1)).failing("x", () -> boom)) {
            assertThat(service.call("x", () -> "never")).failsWithin(Duration.ofSeconds(2))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class).havingCause().isSameAs(boom);
        }
    }

    @Test
    void aBlockingServiceRendezvousNeedsThreadsInParallel() throws Exception {
        BlockingService service = BlockingService.named("db").latency(Duration.ofMillis(5))
                .rendezvous(new Rendezvous(3, Duration.ofSeconds(5)));
        List<Thread> threads = List.of(
                Thread.ofVirtual().start(() -> service.call("a", () -> 1)),
                Thread.ofVirtual().start(() -> service.call("b", () -> 2)),
                Thread.ofVirtual().start(() -> service.call("c", () -> 3)));
        for (Thread t : threads) {
            t.join(5_000);
        }
        assertThat(service.timeline().peak()).isEqualTo(3);
        assertThat(service.timeline().calls()).allMatch(c -> c.outcome() == Timeline.Outcome.SUCCEEDED);
    }

    @Test
    void aManualServiceCallStaysPendingUntilCompleted() {
        ManualService<String> service = new ManualService<>("m");
        CompletableFuture<String> a = service.call("a");
        CompletableFuture<String> b = service.call("b");

        service.complete("b", "B");

        assertThat(a).isNotDone();
        assertThat(b).isCompletedWithValue("B");
        assertThat(service.pending()).isEqualTo(1);
        assertThat(service.keys()).containsExactly("a", "b");
        assertThat(service.timeline().endOrder()).containsExactly("m(b)");
    }
}
