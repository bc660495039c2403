package asynckit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import asynckit.testkit.fixtures.watched.Learner;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The thread watcher. Bounds here are generous (a hang fails the test, a slow machine does not): what is
 * checked is what was seen, never how fast.
 */
class ThreadWatchTest {
    static final Mistake BLOCKED = new Lesson("00-example").mistake("blocked-the-caller", "blocked.", 2);
    static final Duration LONG = Duration.ofSeconds(30);
    final ThreadWatch watch = ThreadWatch.of(LearnerCode.of(List.of(Learner.class)));

    @Test
    void aJoinInTheLearnersCodeIsConclusiveAtOnceWithItsLine() {
        CompletableFuture<String> never = new CompletableFuture<>();
        ThreadWatch.Outcome<String> outcome = watch.run("caller", LONG, () -> Learner.joins(never));

        assertThat(outcome.finished()).isFalse();
        assertThat(outcome.timedOut()).isFalse();
        ThreadWatch.Sighting held = outcome.held();
        assertThat(held.how()).isEqualTo(ThreadWatch.How.WAITING);
        assertThat(held.thread()).isEqualTo("caller");
        assertThat(held.culprit().getClassName()).isEqualTo(Learner.class.getName());
        assertThat(held.describe()).startsWith("thread 'caller' was waiting").contains("Learner.joins(Learner.java:");
        assertThat(held.where()).contains("CompletableFuture.join").contains("Learner.joins");
        assertThat(ThreadWatch.waitsForAFuture(held.stack())).isTrue();
        never.complete("done");
    }

    @Test
    void aSleepIsSeenAsASleep() {
        ThreadWatch.Outcome<Object> outcome = watch.run("scheduler", LONG, () -> {
            Learner.sleeps(60_000);
            return null;
        });

        assertThat(outcome.held().how()).isEqualTo(ThreadWatch.How.SLEEPING);
        assertThat(outcome.held().describe()).contains("asleep inside your code");
        assertThat(ThreadWatch.waitsForAFuture(outcome.held().stack())).isFalse();
        outcome.thread().interrupt();
    }

    @Test
    void aQuickActionGivesItsValueAndAThrowingOneItsException() {
        assertThat(watch.run("caller", LONG, () -> 42)).satisfies(o -> {
            assertThat(o.finished()).isTrue();
            assertThat(o.value()).isEqualTo(42);
        });
        IllegalStateException boom = new IllegalStateException("boom");
        assertThat(watch.run("caller", LONG, () -> {
            throw boom;
        }).thrown()).isSameAs(boom);
    }

    @Test
    void aWaitInCodeTheLearnerCalledBackIntoIsNotTheLearnersDoing() {
        CompletableFuture<String> never = new CompletableFuture<>();
        ThreadWatch.Outcome<String> outcome = watch.run("caller", Duration.ofMillis(300),
                () -> Learner.callsBack(() -> never.join()));   // a lambda of the test's: a frame of its own

        assertThat(outcome.held()).isNull();
        assertThat(outcome.timedOut()).isTrue();
        never.complete("done");
    }

    @Test
    void aWaitThroughAKitFutureIsStillTheLearners() {
        ManualService<String> service = new ManualService<>("fetch");
        CompletableFuture<String> page = service.call("a");
        ThreadWatch.Outcome<String> outcome = watch.run("caller", LONG, () -> Learner.joins(page));

        assertThat(outcome.held().how()).isEqualTo(ThreadWatch.How.WAITING);
        assertThat(outcome.held().excerpt()).doesNotContain("Waits$Watched").contains("Learner.joins");
        service.complete("a", "A");
    }

    @Test
    void aLockHeldElsewhereCountsOnlyOnceItHasLastedThePatience() throws Exception {
        Object monitor = new Object();
        CountDownLatch holding = new CountDownLatch(1);
        AtomicBoolean release = new AtomicBoolean();
        Thread holder = new Thread(() -> {
            synchronized (monitor) {
                holding.countDown();
                while (!release.get()) {
                    Thread.onSpinWait();
                }
            }
        }, "holder");
        holder.setDaemon(true);
        holder.start();
        holding.await();
        try {
            ThreadWatch patient = watch.withPatience(Duration.ofMillis(50));
            ThreadWatch.Outcome<Object> outcome = patient.run("caller", LONG, () -> {
                Learner.locks(monitor);
                return null;
            });
            assertThat(outcome.held().how()).isEqualTo(ThreadWatch.How.WAITING);
            assertThat(outcome.held().state()).isEqualTo(Thread.State.BLOCKED);
            assertThat(outcome.held().millis()).isGreaterThanOrEqualTo(50);
        } finally {
            release.set(true);
        }
    }

    @Test
    void aSpinIsSeenOnceItHasUsedTheCpuForThePatience() {
        AtomicBoolean stop = new AtomicBoolean();
        ThreadWatch patient = watch.withPatience(Duration.ofMillis(50));
        try {
            ThreadWatch.Outcome<Integer> outcome = patient.run("caller", LONG, () -> Learner.spins(stop::get));
            assertThat(outcome.held().how()).isEqualTo(ThreadWatch.How.SPINNING);
            assertThat(outcome.held().describe()).contains("spinning").contains("Learner");
        } finally {
            stop.set(true);
        }
    }

    @Test
    void promptlyFailsAsSoonAsTheCallerWaitsAndNamesTheMistake() {
        CompletableFuture<String> never = new CompletableFuture<>();
        assertThatThrownBy(() -> watch.promptly(BLOCKED, "fetchAll(a)", LONG, () -> Learner.joins(never), null))
                .hasMessageContaining("[blocked-the-caller]")
                .hasMessageContaining("fetchAll(a) had not returned: the caller was waiting")
                .hasMessageContaining("The caller was stuck here:")
                .hasMessageContaining("Learner.joins");
        assertThat(watch.promptly(BLOCKED, "quick()", LONG, () -> "at once", null)).isEqualTo("at once");
        never.complete("done");
    }

    @Test
    void promptlyPassesOnTheActionsOwnException() {
        UnsupportedOperationException notWritten = new UnsupportedOperationException("Not written yet");
        assertThatThrownBy(() -> watch.promptly(BLOCKED, "stub()", LONG, () -> {
            throw notWritten;
        }, null)).isSameAs(notWritten);
    }

    @Test
    void watchReportsAThreadThatStopsInTheLearnersCallbackWhileItRunsAStep() {
        CompletableFuture<String> input = new CompletableFuture<>();
        CompletableFuture<String> never = new CompletableFuture<>();
        input.thenApply(value -> Learner.joins(never));
        CompletableFuture<Void> step = new CompletableFuture<>();
        Thread api = ThreadWatch.start("api", () -> input.complete("x"), new CompletableFuture<>());

        Optional<ThreadWatch.Sighting> seen = watch.watch(api, step::isDone, LONG);
        assertThat(seen).get().satisfies(s -> {
            assertThat(s.thread()).isEqualTo("api");
            assertThat(s.how().parked()).isTrue();
        });
        never.complete("done");
        // Gone before the next test looks for parked threads (on a busy machine a woken thread runs late).
        assertThatCode(() -> api.join(10_000)).doesNotThrowAnyException();
    }

    @Test
    void awaitAnyFindsAPoolThreadWaitingAndNothingWhenNoneWaits() {
        Set<Thread> callers = ConcurrentHashMap.newKeySet();
        assertThat(watch.awaitAny(Duration.ofMillis(50), callers::contains)).isEmpty();

        CompletableFuture<String> never = new CompletableFuture<>();
        CompletableFuture.runAsync(() -> {
            callers.add(Thread.currentThread());
            Learner.joins(never);
        });
        Optional<ThreadWatch.Sighting> seen = watch.awaitAny(LONG, callers::contains);
        assertThat(seen).get().extracting(ThreadWatch.Sighting::how).isEqualTo(ThreadWatch.How.WAITING);
        never.complete("done");
    }

    @Test
    void awaitAnyOverKnownThreadsFindsAVirtualThreadWaiting() {
        Set<Thread> callers = ConcurrentHashMap.newKeySet();
        assertThat(watch.awaitAny(Duration.ofMillis(50), callers)).isEmpty();

        CompletableFuture<String> never = new CompletableFuture<>();
        Thread.ofVirtual().name("virtual-caller").start(() -> {
            callers.add(Thread.currentThread());
            Learner.joins(never);
        });
        Optional<ThreadWatch.Sighting> seen = watch.awaitAny(LONG, callers);
        assertThat(seen).get().satisfies(s -> {
            assertThat(s.thread()).isEqualTo("virtual-caller");
            assertThat(s.how()).isEqualTo(ThreadWatch.How.WAITING);
        });
        never.complete("done");
    }

    @Test
    void assertNoneParkedFindsAPoolThreadJoiningACombinedFutureAndPassesWhenNoneWaits() {
        // Threads that earlier tests released may still be waking up (a busy machine): not this test's.
        watch.assertNoneParked(BLOCKED, "With nothing running", Duration.ofMillis(30), null, watch.parkedNow());

        CompletableFuture<String> never = new CompletableFuture<>();
        CompletableFuture.runAsync(() -> Learner.joins(CompletableFuture.allOf(never).thenApply(done -> "all")));
        assertThatThrownBy(() -> watch.assertNoneParked(BLOCKED, "While the input was pending", LONG, null))
                .hasMessageContaining("[blocked-the-caller]")
                .hasMessageContaining("While the input was pending, thread 'ForkJoinPool")
                .hasMessageContaining("Learner.joins")
                .hasMessageContaining("A pool thread that waits");
        // A thread left parked before the code under test ran (an earlier run in a warm JVM) is not blamed on it.
        Set<Thread> before = watch.parkedNow();
        assertThat(before).isNotEmpty();
        watch.assertNoneParked(BLOCKED, "With only an earlier run's thread parked", Duration.ofMillis(30), null, before);
        never.complete("done");
    }

    @Test
    void everywhereRecordsWhatEachThreadWasSeenDoing() throws Exception {
        try (ThreadWatch.Everywhere seen = watch.everywhere(Duration.ofMillis(20)).lookEveryMillisecond()) {
            assertThat(seen.isLooking()).isTrue();
            Thread sleeper = ThreadWatch.start("sleeper", () -> {
                Learner.sleeps(60_000);
                return null;
            }, new CompletableFuture<>());
            long deadline = System.nanoTime() + LONG.toNanos();
            while (seen.of("sleeper").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(seen.of("sleeper")).first().extracting(ThreadWatch.Sighting::how)
                    .isEqualTo(ThreadWatch.How.SLEEPING);
            assertThat(seen.threads()).contains("sleeper");
            assertThat(seen.inCodeOf("sleeper")).isNotEmpty();
            sleeper.interrupt();
        }
    }
}
