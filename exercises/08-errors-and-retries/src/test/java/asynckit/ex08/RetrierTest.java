package asynckit.ex08;

import asynckit.ex08.RetryHarness.Run;
import asynckit.testkit.AsyncService;
import asynckit.testkit.Exercise;
import asynckit.testkit.Lesson;
import asynckit.testkit.Mistake;
import asynckit.testkit.NoBlockingCalls;
import asynckit.testkit.Points;
import asynckit.testkit.Settle;
import asynckit.testkit.StuckLoop;
import asynckit.testkit.Teach;
import asynckit.testkit.ThreadWatch;
import asynckit.testkit.TimeScale;
import asynckit.testkit.WatchedLoop;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every attempt here stays pending until the test fails or completes it by hand, and the retrier waits
 * on a scheduler whose clock moves only when the test moves it: "100, 200, 400 ms, then give up" is
 * checked exactly, in no real time, and the same way on a fast laptop and a busy build server. The
 * steps and the mistakes they can name are in {@link RetryHarness}.
 */
@Exercise("08-errors-and-retries")
@DisplayName("08 Errors and retries: Retrier.call")
class RetrierTest implements NoBlockingCalls {
    static final Lesson LESSON = Lesson.of(RetrierTest.class);
    static final Mistake DID_NOT_CALL = LESSON.mistake("did-not-call");
    static final Mistake LOST_OUTCOME = LESSON.mistake("lost-outcome");
    static final Mistake OVERLAPPING = LESSON.mistake("overlapping-attempts");
    static final Mistake BLOCKED_CALLER = LESSON.mistake("blocked-the-caller");
    static final Mistake SLEPT = LESSON.mistake("slept-between-attempts");
    static final Mistake IGNORED_THE_SCHEDULER = LESSON.mistake("ignored-the-scheduler");
    static final Mistake POLLED = LESSON.mistake("polled-the-clock");
    static final Mistake NO_BACKOFF = LESSON.mistake("no-backoff");
    static final Mistake BACKOFF_NOT_GROWING = LESSON.mistake("backoff-not-growing");
    static final Mistake WRONG_BACKOFF = LESSON.mistake("wrong-backoff");
    static final Mistake NO_JITTER = LESSON.mistake("no-jitter");
    static final Mistake WRONG_RANDOM_NUMBER = LESSON.mistake("wrong-random-number");
    static final Mistake TOO_MANY = LESSON.mistake("too-many-attempts");
    static final Mistake GAVE_UP_TOO_SOON = LESSON.mistake("gave-up-too-soon");
    static final Mistake RETRIED_PERMANENT = LESSON.mistake("retried-permanent-error");
    static final Mistake DID_NOT_UNWRAP = LESSON.mistake("did-not-unwrap");
    static final Mistake WRAPPED_FAILURE = LESSON.mistake("wrapped-failure");
    static final Mistake WRONG_FAILURE = LESSON.mistake("wrong-failure");
    static final Mistake LOST_EARLIER_FAILURES = LESSON.mistake("lost-earlier-failures");
    static final Mistake CALLS_SHARE_STATE = LESSON.mistake("calls-share-state");

    private static final Duration BOUND = TimeScale.millis(5_000);

    /** On the real loop, a task that waits there (a join, a get, a sleep, a spin) fails the wait at once. */
    static final StuckLoop.Meaning STUCK = StuckLoop.meaning().whenInOneTask(SLEPT, "The loop is the scheduler your"
            + " Retrier was given: while one task holds its thread, no timer fires and no other callback runs, so the"
            + " retries wait for that task, and a join or get there waits for work queued behind itself. Hand each wait"
            + " to the scheduler as one task for the whole delay, and compose the next attempt (thenCompose).");

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    private static Duration ms(double millis) {
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    @Test
    @Points(2)
    @DisplayName("returns a future at once and starts the first attempt without waiting")
    void returnsAtOnce() {
        try (RetryHarness h = new RetryHarness(4, 100, 0.0)) {
            // An operation that fails at once, before it even returns (a refused connection).
            Run refused = h.run("a").failingAtOnce(1, new IOException("connection refused"));
            h.start(refused);
            h.expectFirstAttempt(refused);
            h.expectRetry(refused, 2, ms(100), ms(100));

            // An operation whose attempt takes its time: call() must not wait for it.
            Run slow = h.run("b");
            h.start(slow);
            h.expectFirstAttempt(slow);
            h.advanceWhileRunning(slow, ms(0));
        }
    }

    @Test
    @Points(2)
    @DisplayName("completes with the value of the first attempt that succeeds, and makes no attempt after it")
    void stopsAtTheFirstSuccess() {
        try (RetryHarness h = new RetryHarness(4, 100, 0.0)) {
            Run first = h.run("a");
            h.start(first);
            h.expectFirstAttempt(first);
            h.succeed(first, 1, "at once");
            h.expectSuccess(first, 1, "at once");

            succeedOnTheSecond(h, h.run("b"), ms(100), "on the second try");

            // A void operation (a PUT, a DELETE) succeeds with null: a success all the same.
            Run empty = h.run("c");
            h.start(empty);
            h.expectFirstAttempt(empty);
            h.succeed(empty, 1, null);
            h.expectSuccess(empty, 1, null);
            h.expectNothingMore("after the call had succeeded");
        }
    }

    @Test
    @Points(4)
    @DisplayName("waits 100, 200 and 400 ms between attempts, and gives up after the 4th")
    void backoffDoubles() {
        try (RetryHarness h = new RetryHarness(4, 100, 0.0)) {
            Run run = h.run("");
            h.start(run);
            h.expectFirstAttempt(run);
            h.fail(run, 1, new IOException("connection reset"));
            h.expectRetry(run, 2, ms(100), ms(100));
            h.fail(run, 2, new IOException("connection reset"));
            h.expectRetry(run, 3, ms(200), ms(200));
            h.fail(run, 3, new TimeoutException("no answer within 2 s"));
            h.expectRetry(run, 4, ms(400), ms(400));
            h.fail(run, 4, new IOException("connection reset"));
            h.expectGiveUp(run, false);
            h.expectNothingMore("after the last attempt had failed");
        }
    }

    @Test
    @Points(2)
    @DisplayName("adds the random part to each wait: 125, 275 and 450 ms with the test's random numbers")
    void addsJitter() {
        // jitter 0.5, random numbers 0.5, 0.75, 0.25: each wait is backoff + backoff × 0.5 × r.
        try (RetryHarness h = new RetryHarness(4, 100, 0.5, 0.5, 0.75, 0.25, 0.1)) {
            Run run = h.run("");
            h.start(run);
            h.expectFirstAttempt(run);
            h.fail(run, 1, new IOException("connection reset"));
            h.expectRetry(run, 2, ms(125), ms(100));
            h.fail(run, 2, new IOException("connection reset"));
            h.expectRetry(run, 3, ms(275), ms(200));
            h.fail(run, 3, new IOException("connection reset"));
            h.expectRetry(run, 4, ms(450), ms(400));
            h.fail(run, 4, new IOException("connection reset"));
            h.expectGiveUp(run, false);

            // The next call on the same Retrier draws its own number (the 4th, 0.1): 105 ms, not a wait of the
            // first call's again.
            succeedOnTheSecond(h, h.run("b"), ms(105), "b");
        }
    }

    @Test
    @Points(2)
    @DisplayName("starts no attempt while the one before is still running, and times each wait from its failure")
    void oneAttemptAtATime() {
        // Another policy than the other tests' (3 attempts, 250 ms first): the numbers come from the policy.
        try (RetryHarness h = new RetryHarness(3, 250, 0.0)) {
            Run run = h.run("");
            h.start(run);
            h.expectFirstAttempt(run);
            h.advanceWhileRunning(run, Duration.ofMinutes(10));
            IOException first = new IOException("read timed out");
            h.fail(run, 1, first);
            h.expectRetry(run, 2, ms(250), ms(250));
            h.advanceWhileRunning(run, Duration.ofSeconds(30));
            IOException second = new IOException("read timed out again");
            h.fail(run, 2, second);
            h.expectRetry(run, 3, ms(500), ms(500));
            IOException third = new IOException("connection reset");
            h.fail(run, 3, third);
            h.expectGiveUp(run, false);
            h.expectFailure(run, third, List.of(first, second));
            h.expectNothingMore("after the 3rd attempt, the last the policy allows, had failed");
        }
    }

    @Test
    @Points(4)
    @DisplayName("waits on the scheduler it was given, with no thread asleep, blocked or spinning meanwhile")
    void waitsOnTheScheduler() {
        int tasks;
        try (RetryHarness h = new RetryHarness(4, 100, 0.0)) {
            // Attempt 3 fails inside the operation, so its failure reaches your code on the scheduler's thread.
            Run run = h.run("").failingAtOnce(3, new IOException("connection refused"));
            h.start(run);
            h.expectFirstAttempt(run);
            h.fail(run, 1, new IOException("connection reset"));
            h.expectRetry(run, 2, ms(100), ms(100));
            h.fail(run, 2, new IOException("connection reset"));
            h.expectRetry(run, 3, ms(200), ms(200));
            h.expectRetry(run, 4, ms(400), ms(400));
            h.succeed(run, 4, "finally");
            h.expectSuccess(run, 4, "finally");
            tasks = h.tasksScheduled();
            if (tasks > 9) {
                throw POLLED.report()
                        .saw("For 3 waits, your code handed the scheduler " + tasks + " tasks. One task per wait,"
                                + " scheduled for the whole delay, is all a retry needs.")
                        .failure();
            }
        }
        onARealLoop();
    }

    /** The same retries on a real single-threaded scheduler, whose thread a watchdog samples. */
    private static void onARealLoop() {
        AtomicInteger attempts = new AtomicInteger();
        try (AsyncService service = AsyncService.named("attempt").latency(TimeScale.millis(5));
             WatchedLoop loop = WatchedLoop.start("loop").whenStuck(STUCK.drawing(service.timeline()))) {
            for (String key : List.of("1", "2", "3")) {
                service.failing(key, () -> new IOException("connection reset (attempt " + key + ")"));
            }
            RetryPolicy policy = new RetryPolicy(4, TimeScale.millis(20), 0.0, RetryHarness::transientError);
            Retrier retrier = new Retrier(policy, loop.executor(), () -> 0.5);
            ThreadWatch.Outcome<CompletableFuture<String>> called = ThreadWatch.of(LESSON).run("caller", BOUND,
                    () -> retrier.call(() -> service.call(String.valueOf(attempts.incrementAndGet()), () -> "finally")));
            Settle<String> result = called.finished() && called.value() != null
                    ? Settle.within(called.value(), BOUND, loop) : null;
            loop.assertNeverBlocked(SLEPT, service.timeline());
            if (result == null || result.pending() || result.failed() || !"finally".equals(result.value())) {
                Teach.Report report = LOST_OUTCOME.report()
                        .saw("On a real scheduler (a single-threaded loop) with waits of 20, 40 and 80 ms, attempts 1-3"
                                + " failing and attempt 4 answering \"finally\", call()'s future "
                                + (result == null ? "was never returned"
                                        : result.pending() ? "was still pending after " + BOUND.toMillis() + " ms"
                                        : result.failed() ? "failed with " + RetryHarness.describe(result.failure())
                                        : "completed with \"" + result.value() + "\"") + ".")
                        .timeline(service.timeline());
                throw report.failure();
            }
            if (attempts.get() != 4) {
                throw TOO_MANY.report()
                        .saw("On a real scheduler, call() made " + attempts.get() + " attempts; attempt 4 succeeded.")
                        .timeline(service.timeline())
                        .failure();
            }
        }
    }

    @Test
    @Points(3)
    @DisplayName("does not retry a permanent error: fails with it at once")
    void failsAtOnceOnAPermanentError() {
        try (RetryHarness h = new RetryHarness(4, 100, 0.0)) {
            Run first = h.run("a");
            h.start(first);
            h.expectFirstAttempt(first);
            // Caused by a transient error, but permanent itself: the policy is asked about the error, not its cause.
            SecurityException denied = new SecurityException("HTTP 401: the token has expired",
                    new TimeoutException("the token refresh timed out"));
            h.fail(first, 1, denied);
            h.expectGiveUp(first, true);
            h.expectFailure(first, denied, List.of());

            Run later = h.run("b");
            h.start(later);
            h.expectFirstAttempt(later);
            IOException reset = new IOException("connection reset");
            h.fail(later, 1, reset);
            h.expectRetry(later, 2, ms(100), ms(100));
            IllegalArgumentException missing = new IllegalArgumentException("HTTP 404: no user 'ada'");
            h.fail(later, 2, missing);
            h.expectGiveUp(later, true);
            h.expectFailure(later, missing, List.of(reset));
            h.expectNothingMore("after a permanent error");
        }
    }

    @Test
    @Points(2)
    @DisplayName("fails with the last attempt's own error, every earlier error suppressed on it, oldest first")
    void keepsEveryCause() {
        try (RetryHarness h = new RetryHarness(4, 100, 0.0)) {
            Run run = h.run("");
            h.start(run);
            h.expectFirstAttempt(run);
            IOException reset = new IOException("connection reset");
            TimeoutException slow = new TimeoutException("no answer within 2 s");
            IOException refused = new IOException("connection refused");
            IOException unreachable = new IOException("network unreachable",
                    new java.net.NoRouteToHostException("no route to 10.0.0.7"));
            h.fail(run, 1, reset);
            h.expectRetry(run, 2, ms(100), ms(100));
            h.fail(run, 2, slow);
            h.expectRetry(run, 3, ms(200), ms(200));
            h.fail(run, 3, refused);
            h.expectRetry(run, 4, ms(400), ms(400));
            h.fail(run, 4, unreachable);
            h.expectGiveUp(run, false);
            h.expectFailure(run, unreachable, List.of(reset, slow, refused));
        }
    }

    @Test
    @Points(2)
    @DisplayName("keeps each call's attempts, waits and errors apart when two calls overlap")
    void keepsCallsApart() {
        try (RetryHarness h = new RetryHarness(4, 100, 0.0)) {
            // First the same two scripts, one call at a time, on the same Retrier: what goes wrong here is
            // each call's own doing, and named as such.
            Run alone = h.run("a");
            giveUpAfterFour(h, alone, "a");
            Run alsoAlone = h.run("a2");
            succeedOnTheThird(h, alsoAlone, "a2");

            h.blameEverythingOn(CALLS_SHARE_STATE, "The same steps, one call at a time (calls a and a2 above), were"
                    + " handled right by this same Retrier. Now two calls, b and c, run at the same time, and one of"
                    + " them went wrong: state kept in the Retrier's fields (an attempt counter, a list of errors) is"
                    + " shared by every call.");
            Run b = h.run("b");
            Run c = h.run("c");
            h.start(b);
            h.expectFirstAttempt(b);
            h.start(c);
            h.expectFirstAttempt(c);
            IOException b1 = new IOException("b: connection reset");
            IOException b2 = new IOException("b: connection refused");
            IOException b3 = new IOException("b: read timed out");
            IOException b4 = new IOException("b: network unreachable");
            h.fail(b, 1, b1);
            h.fail(c, 1, new IOException("c: connection reset"));
            h.expectRetry(b, 2, ms(100), ms(100));
            h.expectRetry(c, 2, ms(100), ms(100));
            h.fail(c, 2, new IOException("c: connection refused"));
            h.fail(b, 2, b2);
            h.expectRetry(c, 3, ms(200), ms(200));
            h.expectRetry(b, 3, ms(200), ms(200));
            h.succeed(c, 3, "c");
            h.expectSuccess(c, 3, "c");
            h.fail(b, 3, b3);
            h.expectRetry(b, 4, ms(400), ms(400));
            h.fail(b, 4, b4);
            h.expectGiveUp(b, false);
            h.expectFailure(b, b4, List.of(b1, b2, b3));
            h.expectNothingMore("after both calls were over");
        }
    }

    /** Four transient failures: waits of 100, 200, 400 ms, then the last error with the others suppressed. */
    private static void giveUpAfterFour(RetryHarness h, Run run, String name) {
        List<Throwable> errors = List.of(new IOException(name + ": connection reset"),
                new IOException(name + ": connection refused"), new IOException(name + ": read timed out"),
                new IOException(name + ": network unreachable"));
        h.start(run);
        h.expectFirstAttempt(run);
        for (int i = 1; i <= 4; i++) {
            h.fail(run, i, errors.get(i - 1));
            if (i < 4) {
                h.expectRetry(run, i + 1, ms(100L << (i - 1)), ms(100L << (i - 1)));
            }
        }
        h.expectGiveUp(run, false);
        h.expectFailure(run, errors.get(3), errors.subList(0, 3));
    }

    /** One transient failure, a wait of {@code wait} (a first backoff of 100 ms, plus its random part), then a success. */
    private static void succeedOnTheSecond(RetryHarness h, Run run, Duration wait, String value) {
        h.start(run);
        h.expectFirstAttempt(run);
        h.fail(run, 1, new IOException(run.name + ": connection reset"));
        h.expectRetry(run, 2, wait, ms(100));
        h.succeed(run, 2, value);
        h.expectSuccess(run, 2, value);
    }

    /** Two transient failures, then a success on the third attempt. */
    private static void succeedOnTheThird(RetryHarness h, Run run, String name) {
        h.start(run);
        h.expectFirstAttempt(run);
        h.fail(run, 1, new IOException(name + ": connection reset"));
        h.expectRetry(run, 2, ms(100), ms(100));
        h.fail(run, 2, new IOException(name + ": connection refused"));
        h.expectRetry(run, 3, ms(200), ms(200));
        h.succeed(run, 3, name);
        h.expectSuccess(run, 3, name);
    }

    /**
     * The happy path on a real scheduler, with no watch on any thread: the first attempt fails, the second
     * succeeds. It only proves that the code works, so that the static check that follows it can speak.
     */
    @Override
    public void worksOnce() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "works-once");
            t.setDaemon(true);
            return t;
        });
        try {
            RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(1), 0.5, RetryHarness::transientError);
            AtomicInteger attempts = new AtomicInteger();
            CompletableFuture<String> result = new Retrier(policy, scheduler, () -> 0.5).call(() ->
                    attempts.incrementAndGet() == 1
                            ? CompletableFuture.failedFuture(new IOException("connection reset"))
                            : CompletableFuture.completedFuture("hello"));
            Settle<String> settled = Settle.within(result, BOUND);
            if (settled.pending() || settled.failed() || !"hello".equals(settled.value()) || attempts.get() != 2) {
                throw (attempts.get() < 2 ? DID_NOT_CALL : attempts.get() > 2 ? TOO_MANY : LOST_OUTCOME).report()
                        .saw("Attempt 1 failed with a transient error and attempt 2 answered \"hello\", on a real"
                                + " scheduler; call()'s future " + (settled.pending() ? "was still pending after "
                                        + BOUND.toMillis() + " ms" : settled.failed() ? "failed with "
                                        + RetryHarness.describe(settled.failure()) : "completed with \""
                                        + settled.value() + "\"") + ", after " + attempts.get() + " attempt(s).")
                        .failure(settled.failure());
            }
        } finally {
            scheduler.shutdownNow();
        }
    }
}
