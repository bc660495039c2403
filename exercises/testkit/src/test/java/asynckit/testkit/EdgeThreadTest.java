package asynckit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import asynckit.testkit.fixtures.watched.Learner;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class EdgeThreadTest {
    static final Duration LONG = Duration.ofSeconds(30);

    private static void until(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        assertThat(condition.getAsBoolean()).as("reached within " + LONG).isTrue();
    }

    @Test
    void anEdgeThatJoinsOnceIsParkedOnAFutureAtItsLineThenFinishes() {
        CompletableFuture<Integer> report = new CompletableFuture<>();
        EdgeThread<Integer> main = EdgeThread.start("main", () -> Learner.joins(report));
        until(main::parked);

        assertThat(main.name()).isEqualTo("main");
        assertThat(main.finished()).isFalse();
        assertThat(main.waitingOnAFuture()).isTrue();
        assertThat(main.waitSite().getClassName()).isEqualTo(Learner.class.getName());
        assertThat(main.stackExcerpt()).contains("CompletableFuture.join").contains("Learner.joins");
        assertThat(main.waits()).isPositive();

        report.complete(0);
        until(main::finished);
        assertThat(main.outcome().join()).isZero();
        assertThat(main.parked()).isFalse();
    }

    @Test
    void anEdgeThatSleepsIsParkedButNotOnAFutureAndAFailureIsItsOutcome() {
        EdgeThread<Object> main = EdgeThread.start("main", () -> {
            Learner.sleeps(60_000);
            return null;
        });
        until(main::parked);
        assertThat(main.waitingOnAFuture()).isFalse();
        assertThat(main.state()).isEqualTo(Thread.State.TIMED_WAITING);

        main.thread().interrupt();
        until(main::finished);
        assertThat(main.outcome()).isCompletedExceptionally();
    }

    @Test
    void anEdgeParkedWhileHandingWorkToTheLoopIsHandingItOverNotWaitingForIt() throws Exception {
        java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(1);
        try (WatchedLoop loop = WatchedLoop.start("loop")) {
            // The loop is busy and runs main's hand-overs before they return: main stays inside execute().
            loop.executor().execute(() -> {
                try {
                    busy.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            loop.runHandOversAtOnce(t -> t.getName().equals("main"));
            EdgeThread<Integer> main = EdgeThread.start("main", () -> {
                loop.executor().execute(() -> { });
                return 0;
            });
            until(main::parked);
            assertThat(main.handingWorkOver()).isTrue();
            busy.countDown();
            until(main::finished);
            assertThat(main.handingWorkOver()).isFalse();
        }
        CompletableFuture<Integer> report = new CompletableFuture<>();
        EdgeThread<Integer> joins = EdgeThread.start("main", () -> Learner.joins(report));
        until(joins::parked);
        assertThat(joins.handingWorkOver()).isFalse();
        report.complete(0);
        until(joins::finished);
    }
}
