package asynckit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import asynckit.testkit.fixtures.watched.Learner;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The loop's deadlock detector. Every wait here is bounded generously; only what is seen is asserted. */
class StuckLoopTest {
    static final Duration LONG = Duration.ofSeconds(30);

    /** Calls {@link StuckLoop#check()} every millisecond until it has a verdict (or a long bound passes). */
    private static Optional<StuckLoop.Verdict> checkUntilStuck(StuckLoop stuck) {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<StuckLoop.Verdict> v = stuck.check();
            if (v.isPresent()) {
                return v;
            }
            LockSupport.parkNanos(1_000_000);
        }
        return Optional.empty();
    }

    @Test
    void aJoinOnTheLoopForWorkQueuedBehindItIsADeadlockNamedWithItsLine() {
        try (WatchedLoop loop = WatchedLoop.start("loop")) {
            StuckLoop stuck = StuckLoop.watch(loop);
            CompletableFuture<String> answer = new CompletableFuture<>();
            loop.executor().execute(() -> Learner.joins(answer));
            loop.executor().execute(() -> answer.complete("too late"));

            StuckLoop.Verdict v = checkUntilStuck(stuck).orElseThrow();
            assertThat(v.kind()).isEqualTo(StuckLoop.Kind.WAITS_FOR_A_FUTURE);
            assertThat(v.inOneTask()).isTrue();
            assertThat(v.queued()).isEqualTo(1);
            assertThat(v.culprit().getClassName()).isEqualTo(Learner.class.getName());
            assertThat(v.describe()).contains("The loop thread 'loop'").contains("That is a deadlock.");
            assertThat(v.stackExcerpt()).contains("CompletableFuture.join").contains("Learner.joins");
            answer.complete("released");
        }
    }

    @Test
    void aSleepOnTheLoopIsBlockedNotAFutureWait() {
        try (WatchedLoop loop = WatchedLoop.start("loop")) {
            StuckLoop stuck = StuckLoop.watch(loop);
            loop.executor().execute(() -> {
                try {
                    Learner.sleeps(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            StuckLoop.Verdict v = checkUntilStuck(stuck).orElseThrow();
            assertThat(v.kind()).isEqualTo(StuckLoop.Kind.BLOCKED);
            assertThat(v.state()).isEqualTo(Thread.State.TIMED_WAITING);
            assertThat(v.describe()).contains("inside one task at");
        }
    }

    @Test
    void aTaskThatKeepsRequeuingItselfIsABusyLoop() {
        try (WatchedLoop loop = WatchedLoop.start("loop")) {
            StuckLoop stuck = StuckLoop.watch(loop, 50);
            CompletableFuture<Void> never = new CompletableFuture<>();
            Learner.requeues(loop.executor(), never);

            StuckLoop.Verdict v = checkUntilStuck(stuck).orElseThrow();
            assertThat(v.kind()).isEqualTo(StuckLoop.Kind.BUSY);
            assertThat(v.inOneTask()).isFalse();
            assertThat(v.tasksRun()).isGreaterThan(50);
            assertThat(v.stackExcerpt()).contains("no stack");
            never.complete(null);
        }
    }

    @Test
    void anIdleLoopAndQuickTasksAreNeverStuck() throws Exception {
        try (WatchedLoop loop = WatchedLoop.start("loop")) {
            StuckLoop stuck = StuckLoop.watch(loop);
            for (int i = 0; i < 20; i++) {
                loop.executor().submit(() -> { }).get();
                assertThat(stuck.check()).isEmpty();
            }
            long deadline = System.nanoTime() + LONG.toNanos();
            while ((!stuck.idle() || stuck.tasksRun() < 20) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            assertThat(stuck.idle()).isTrue();
            assertThat(stuck.tasksRun()).isEqualTo(20);
            assertThat(stuck.check()).isEmpty();
        }
    }
}
