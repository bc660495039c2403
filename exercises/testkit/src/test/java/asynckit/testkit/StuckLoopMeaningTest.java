package asynckit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import asynckit.testkit.fixtures.watched.Learner;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The shared mechanism: a loop declares what a stuck loop means, and every wait on it (Settle, a test's own wait
 * loop, the watchdog's wait for a running task) fails at once, naming the declared mistake. The bounds here are
 * long (30 s); a wait that stops is asserted to have stopped well before its bound, never within a tight time.
 */
class StuckLoopMeaningTest {
    static final Lesson LESSON = new Lesson("00-example");
    static final Mistake JOINED = LESSON.mistake("join-on-the-loop", "joined on the loop.", 2);
    static final Mistake BLOCKED = LESSON.mistake("blocked-the-loop", "blocked.", 3);
    static final Mistake OTHER = LESSON.mistake("something-else", "something else.", 1);
    static final Duration LONG = Duration.ofSeconds(30);

    private static final StuckLoop.Meaning JOINS_ONLY = StuckLoop.meaning()
            .when(StuckLoop.Kind.WAITS_FOR_A_FUTURE, JOINED, "Code on the loop composes; it never waits.");

    @Test
    void aJoinOnTheLoopStopsTheWaitWithTheDeclaredMistakeTheLessonsSentencesAndTheStack() {
        try (WatchedLoop loop = WatchedLoop.start("loop").whenStuck(JOINS_ONLY)) {
            CompletableFuture<String> answer = new CompletableFuture<>();
            CompletableFuture<String> result = new CompletableFuture<>();
            loop.executor().execute(() -> result.complete(Learner.joins(answer)));
            loop.executor().execute(() -> answer.complete("too late"));

            long start = System.nanoTime();
            AssertionFailedError failure = catchFailure(() -> Settle.within(result, LONG, loop));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).as("stopped by the evidence, not by the bound").isLessThan(LONG.dividedBy(2));
            assertThat(failure.getMessage())
                    .contains("[join-on-the-loop]")
                    .contains("The loop thread 'loop'").contains("waiting for a future").contains("That is a deadlock.")
                    .contains("Code on the loop composes; it never waits.")
                    .contains("Where the loop thread is:").contains("Learner.joins");
            answer.complete("released");
        }
    }

    @Test
    void aKindLeftUndeclaredNeverStopsTheWait() {
        try (WatchedLoop loop = WatchedLoop.start("loop").whenStuck(JOINS_ONLY)) {
            CompletableFuture<String> result = new CompletableFuture<>();
            loop.executor().execute(Learner.sleepsThen(300, () -> result.complete("woke")));
            assertThat(Settle.within(result, LONG, loop).value()).isEqualTo("woke");
        }
    }

    @Test
    void aDeclaredBlockedLoopStopsTheWaitNamingItsOwnMistake() {
        StuckLoop.Meaning meaning = JOINS_ONLY.when(StuckLoop.Kind.BLOCKED, BLOCKED, "Nothing else can run.");
        try (WatchedLoop loop = WatchedLoop.start("loop").whenStuck(meaning)) {
            CompletableFuture<String> result = new CompletableFuture<>();
            loop.executor().execute(Learner.sleepsThen(60_000, () -> { }));
            AssertionFailedError failure = catchFailure(() -> Settle.within(result, LONG, loop));
            assertThat(failure.getMessage()).contains("[blocked-the-loop]").doesNotContain("[join-on-the-loop]")
                    .contains("TIMED_WAITING").contains("Nothing else can run.").contains("Learner.sleeps");
        }
    }

    @Test
    void rightCodeOnABusyLoopIsWaitedForAndTakenAsItIs() throws Exception {
        try (WatchedLoop loop = WatchedLoop.start("loop")
                .whenStuck(StuckLoop.meaning().whenInOneTask(BLOCKED).when(StuckLoop.Kind.BUSY, BLOCKED))) {
            for (int i = 0; i < 50; i++) {
                loop.executor().execute(() -> LockSupport.parkNanos(0));
            }
            CompletableFuture<String> rang = new CompletableFuture<>();
            loop.executor().schedule(() -> rang.complete("rang"), 50, TimeUnit.MILLISECONDS);
            Settle<String> settled = Settle.within(rang, LONG, loop);
            assertThat(settled.value()).isEqualTo("rang");

            CompletableFuture<String> failed = new CompletableFuture<>();
            loop.executor().execute(() -> failed.completeExceptionally(new IllegalStateException("no")));
            assertThat(Settle.within(failed, LONG, loop).failure()).isInstanceOf(IllegalStateException.class);

            Settle<String> never = Settle.within(new CompletableFuture<>(), Duration.ofMillis(30), loop);
            assertThat(never.pending()).isTrue();
            assertThat(never.waited()).isEqualTo(Duration.ofMillis(30));
        }
    }

    @Test
    void aTestsOwnWaitLoopFailsAtOnceToo() {
        StuckLoop.Meaning busy = StuckLoop.meaning().when(StuckLoop.Kind.BUSY, OTHER, "It re-queues itself.");
        try (WatchedLoop loop = WatchedLoop.start("loop").whenStuck(busy)) {
            StuckLoop stuck = StuckLoop.watch(loop, 50);
            CompletableFuture<Void> never = new CompletableFuture<>();
            Learner.requeues(loop.executor(), never);
            AssertionFailedError failure = catchFailure(() -> {
                long deadline = System.nanoTime() + LONG.toNanos();
                while (System.nanoTime() < deadline) {
                    stuck.failIfStuck();
                    LockSupport.parkNanos(1_000_000);
                }
            });
            assertThat(failure.getMessage()).contains("[something-else]").contains("tasks in")
                    .contains("It re-queues itself.").doesNotContain("Where the loop thread is:");
            never.complete(null);
        }
    }

    @Test
    void theWatchdogsOwnWaitForARunningTaskFailsWithTheDeclaredMistake() {
        Timeline calls = new Timeline();
        calls.begin("fetch(a)");
        try (WatchedLoop loop = WatchedLoop.start("loop").whenStuck(JOINS_ONLY.drawing(calls))) {
            CompletableFuture<String> answer = new CompletableFuture<>();
            loop.executor().execute(() -> Learner.joins(answer));
            long deadline = System.nanoTime() + LONG.toNanos();
            while (loop.tasksRun() == 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            // Without a meaning this waits up to 2 s for the task to end, then names OTHER from the episode.
            AssertionFailedError failure = catchFailure(() -> loop.assertNeverBlocked(OTHER, null));
            assertThat(failure.getMessage()).contains("[join-on-the-loop]").contains("fetch(a)");
            answer.complete("released");
        }
    }

    @Test
    void aWaitOnALoopThatDeclaredNothingIsTheTestsOwnMistake() {
        try (WatchedLoop loop = WatchedLoop.start("loop")) {
            assertThatThrownBy(() -> Settle.within(new CompletableFuture<>(), LONG, loop))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("WatchedLoop.whenStuck");
            assertThatThrownBy(() -> StuckLoop.watch(loop).failIfStuck())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("WatchedLoop.whenStuck");
        }
        assertThatThrownBy(() -> JOINS_ONLY.failure(new StuckLoop.Verdict(StuckLoop.Kind.BLOCKED, Thread.State.WAITING,
                100, new StackTraceElement[0], 0, 1, "loop")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BLOCKED");
    }

    private static AssertionFailedError catchFailure(Runnable waits) {
        try {
            waits.run();
        } catch (AssertionFailedError failure) {
            return failure;
        }
        throw new AssertionError("the wait ended without failing");
    }
}
