package asynckit.ex01;

import asynckit.testkit.AsyncService;
import asynckit.testkit.Exercise;
import asynckit.testkit.Lesson;
import asynckit.testkit.ManualService;
import asynckit.testkit.Mistake;
import asynckit.testkit.NoBlockingCalls;
import asynckit.testkit.Overlap;
import asynckit.testkit.OwnResults;
import asynckit.testkit.Patience;
import asynckit.testkit.Points;
import asynckit.testkit.RaceRounds;
import asynckit.testkit.Rendezvous;
import asynckit.testkit.Returns;
import asynckit.testkit.Settle;
import asynckit.testkit.ThreadWatch;
import asynckit.testkit.TimeScale;
import asynckit.testkit.Timeline;
import asynckit.testkit.WallClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@Exercise("01-waiting-problem")
@DisplayName("01 The waiting problem: PageFetcher.fetchAll")
class PageFetcherTest implements NoBlockingCalls {
    static final Lesson LESSON = Lesson.of(PageFetcherTest.class);
    static final Mistake ONE_AT_A_TIME = LESSON.mistake("one-at-a-time");
    static final Mistake BLOCKED_CALLER = LESSON.mistake("blocked-the-caller");
    static final Mistake COMPLETION_ORDER = LESSON.mistake("completion-order");
    static final Mistake LOST_FAILURE = LESSON.mistake("lost-failure");
    static final Mistake WRONG_FAILURE = LESSON.mistake("wrong-failure");
    static final Mistake NEVER_COMPLETED = LESSON.mistake("never-completed");
    static final Mistake EMPTY_INPUT = LESSON.mistake("empty-input");
    static final Mistake DID_NOT_CALL = LESSON.mistake("did-not-call");
    static final Mistake BLOCKED_POOL_THREAD = LESSON.mistake("blocked-a-pool-thread");
    static final Mistake LOST_UPDATE = LESSON.mistake("lost-update");
    static final Mistake UNSAFE_SHARED_STATE = LESSON.mistake("unsafe-shared-state");
    static final Mistake MIXED_CALLS = LESSON.mistake("mixed-calls");
    static final Mistake FETCHED_TWICE = LESSON.mistake("fetched-twice");

    private static final Duration BOUND = TimeScale.millis(2_000);
    /** BOUND for every wait until one runs it out; then a quarter of it (see Patience). */
    private static final Patience PATIENCE = Patience.of(BOUND);
    private static final Duration SHORT = TimeScale.millis(500);
    private static final List<String> URLS = List.of("a", "b", "c");
    private static final List<String> PAGES = List.of("<page a>", "<page b>", "<page c>");

    private static PageClient clientOf(AsyncService service) {
        return url -> service.call(url, () -> body(url));
    }

    private static String body(String url) {
        return "<page " + url + ">";
    }

    @Test
    @Points(5)
    @DisplayName("has every fetch in flight at the same time")
    void startsEveryFetchBeforeWaitingForAny() {
        try (AsyncService pages = AsyncService.named("fetch")
                .latency(TimeScale.millis(50))
                .rendezvous(Rendezvous.of(3))) {
            Settle<List<String>> result = callAndSettle(new PageFetcher(clientOf(pages)), URLS);

            if (pages.timeline().size() > 0) {
                Overlap.assertPeakAtLeast(pages.timeline(), 3, ONE_AT_A_TIME, "fetchAll(a, b, c)");
            }
            requirePages(result, PAGES, "fetchAll(a, b, c)", pages.timeline());
            requireCalledForEach(pages.timeline(), URLS, "fetchAll(a, b, c)");
        }
    }

    @Test
    @Points(4)
    @DisplayName("returns a future at once, before any page has arrived")
    void returnsAFutureAtOnce() {
        ManualService<String> pages = new ManualService<>("fetch");
        PageFetcher fetcher = new PageFetcher(pages::call);
        try {
            CompletableFuture<List<String>> result = Returns.promptly(BLOCKED_CALLER, "fetchAll(a, b, c)",
                    pages.timeline(), () -> fetcher.fetchAll(URLS));

            if (result == null) {
                throw DID_NOT_CALL.report().saw("fetchAll(a, b, c) returned null instead of a future.").failure();
            }
            if (result.isDone()) {
                throw (pages.callCount() == 0 ? DID_NOT_CALL : BLOCKED_CALLER).report()
                        .saw("fetchAll returned a future that was already complete while "
                                + (pages.callCount() == 0 ? "no fetch had even been made" : "every fetch was still"
                                + " pending") + ": " + result)
                        .failure();
            }
            if (!pages.awaitCalls(3, TimeScale.millis(1_000))) {
                throw (pages.callCount() == 0 ? DID_NOT_CALL : ONE_AT_A_TIME).report()
                        .saw("fetchAll returned, but only " + pages.callCount() + " of 3 fetches had started; the"
                                + " rest were waiting for the first page.")
                        .timeline(pages.timeline())
                        .failure();
            }
            pages.complete("c", body("c"));
            pages.complete("b", body("b"));
            if (result.isDone()) {
                throw COMPLETION_ORDER.report()
                        .saw("Pages c and b had arrived, a had not, and fetchAll's future was already complete: "
                                + describe(result) + ". It can only be complete once every page is there.")
                        .timeline(pages.timeline())
                        .failure();
            }
            pages.complete("a", body("a"));

            Settle<List<String>> settled = PATIENCE.settle(result, "fetchAll(a, b, c)");
            List<String> bodies = settled.value(NEVER_COMPLETED, WRONG_FAILURE, "fetchAll(a, b, c)");
            if (!PAGES.equals(bodies)) {
                throw COMPLETION_ORDER.report()
                        .saw("Pages arrived in the order c, b, a. fetchAll's result was " + bodies
                                + ", but it should be " + PAGES + ".")
                        .expected(PAGES)
                        .actual(bodies)
                        .failure();
            }
        } finally {
            pages.completeAll(PageFetcherTest::body);
        }
    }

    @Test
    @Points(3)
    @DisplayName("returns the pages in the order they were asked for, whatever order they arrive in")
    void keepsTheOrderOfTheUrls() {
        List<String> others = List.of("d", "e");
        List<String> otherPages = others.stream().map(PageFetcherTest::body).toList();
        try (AsyncService pages = AsyncService.named("fetch")
                .latency("a", TimeScale.millis(60))
                .latency("b", TimeScale.millis(40))
                .latency("c", TimeScale.millis(20))
                .latency("d", TimeScale.millis(30))
                .latency("e", TimeScale.millis(10))) {
            // Two calls on one fetcher, in flight together: each must get its own pages.
            PageFetcher fetcher = new PageFetcher(clientOf(pages));
            CompletableFuture<List<String>> first = start(fetcher, URLS);
            CompletableFuture<List<String>> second = start(fetcher, others);
            Settle<List<String>> result = PATIENCE.settle(first, "fetchAll(a, b, c)");
            Settle<List<String>> other = PATIENCE.settle(second, "fetchAll(d, e)");
            OwnResults.<String>on("one PageFetcher")
                    .call("fetchAll(a, b, c)", URLS, PAGES, result)
                    .call("fetchAll(d, e)", others, otherPages, other)
                    .timeline(pages.timeline())
                    .assertApart(MIXED_CALLS, "The second call replaced state the first one still needed: what belongs"
                            + " to one call (its futures, its pages, its count) lives in that call's local variables,"
                            + " never in a field of the fetcher.");
            requirePages(result, PAGES, "fetchAll(a, b, c)", pages.timeline());
            requirePages(other, otherPages, "fetchAll(d, e), called while fetchAll(a, b, c) was in flight on the same"
                    + " fetcher,", pages.timeline());
            requireCalledForEach(pages.timeline(), URLS, "fetchAll(a, b, c)");
            requireCalledForEach(pages.timeline(), others, "fetchAll(d, e)");
        }
    }

    @Test
    @Points(1)
    @DisplayName("takes about as long as the slowest fetch, not the sum of all of them")
    void takesAboutTheLongestFetch() {
        Duration latency = TimeScale.millis(200);
        try (AsyncService pages = AsyncService.named("fetch").latency(latency)) {
            PageFetcher fetcher = new PageFetcher(clientOf(pages));
            long start = System.nanoTime();
            Settle<List<String>> result = callAndSettle(fetcher, URLS);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            requirePages(result, PAGES, "fetchAll(a, b, c)", pages.timeline());
            requireCalledForEach(pages.timeline(), URLS, "fetchAll(a, b, c)");
            WallClock.assertFasterThanMidway(took, latency, latency.multipliedBy(3), ONE_AT_A_TIME, pages.timeline());
        }
    }

    @Test
    @Points(1)
    @DisplayName("gives an empty list, already complete, when there is nothing to fetch")
    void emptyInput() {
        try (AsyncService pages = AsyncService.named("fetch")) {
            CompletableFuture<List<String>> result = Returns.promptly(BLOCKED_CALLER, "fetchAll(no urls)",
                    () -> new PageFetcher(clientOf(pages)).fetchAll(List.of()));

            if (result == null || !result.isDone()) {
                throw EMPTY_INPUT.report()
                        .saw("fetchAll(no urls) returned " + (result == null ? "null" : "a pending future")
                                + ". With nothing to fetch, the empty list is ready at once.")
                        .failure();
            }
            List<String> bodies = PATIENCE.settle(result, "fetchAll(no urls)").value(EMPTY_INPUT, EMPTY_INPUT,
                    "fetchAll(no urls)");
            if (bodies == null || !bodies.isEmpty() || pages.timeline().size() != 0) {
                throw EMPTY_INPUT.report()
                        .saw("fetchAll(no urls) gave " + bodies + " after " + pages.timeline().size() + " fetches;"
                                + " it should give [] after none.")
                        .failure();
            }
        }
    }

    @Test
    @Points(3)
    @DisplayName("fails with the fetch's own exception when one fetch fails")
    void aFailedFetchFailsTheResult() {
        IOException reset = new IOException("connection reset while fetching b");
        try (AsyncService pages = AsyncService.named("fetch")
                .latency(TimeScale.millis(20))
                .failing("b", () -> reset)) {
            Settle<List<String>> result = callAndSettle(new PageFetcher(clientOf(pages)), URLS);

            if (pages.timeline().size() == 0 && !(result.failure() instanceof UnsupportedOperationException)) {
                throw DID_NOT_CALL.report().saw("fetchAll(a, b, c) made no fetch at all: fetch(b) could not fail,"
                        + " because nobody asked for it.").failure();
            }
            if (result.pending() || !result.failed()) {
                throw LOST_FAILURE.report()
                        .saw(result.pending()
                                ? "fetch(b) failed, and fetchAll's future never completed."
                                : "fetch(b) failed, yet fetchAll's future completed normally with " + result.value())
                        .timeline(pages.timeline())
                        .failure();
            }
            if (result.failure() instanceof UnsupportedOperationException notWritten) {
                throw notWritten;
            }
            requireCalledOnceEach(pages.timeline(), URLS, "fetchAll(a, b, c), whose fetch(b) failed,");
            if (result.failure() != reset) {
                throw WRONG_FAILURE.report()
                        .saw("fetch(b) failed with " + reset + "; fetchAll's future failed with " + result.failure()
                                + ". Pass the fetch's own exception on: the caller wants to know what went wrong.")
                        .expected(reset)
                        .actual(result.failure())
                        .timeline(pages.timeline())
                        .failure(result.failure());
            }
        }
    }

    @Test
    @Points(3)
    @DisplayName("never parks a thread waiting for a page, not even a pool thread")
    void noThreadWaitsForAPage() {
        ThreadWatch watch = ThreadWatch.of(LESSON);
        Set<Thread> before = watch.parkedNow();   // left parked by an earlier run in a warm JVM: not this one's
        ManualService<String> pages = new ManualService<>("fetch");
        PageFetcher fetcher = new PageFetcher(pages::call);
        try {
            CompletableFuture<List<String>> result = Returns.promptly(BLOCKED_CALLER, "fetchAll(a, b, c)",
                    pages.timeline(), () -> fetcher.fetchAll(URLS));
            if (!pages.awaitCalls(3, TimeScale.millis(1_000))) {
                throw (pages.callCount() == 0 ? DID_NOT_CALL : ONE_AT_A_TIME).report()
                        .saw("fetchAll(a, b, c) returned, but only " + pages.callCount() + " of 3 fetches had started.")
                        .timeline(pages.timeline())
                        .failure();
            }
            // Gives a thread that was handed the waiting (supplyAsync(() -> page.join())) the time to start it, and
            // sees one that waits for a future combined from the pages (allOf(...).join()), which they cannot see.
            watch.assertNoneParked(BLOCKED_POOL_THREAD, "While the three fetches were pending",
                    TimeScale.millis(100), pages.timeline(), before);
            pages.waits().assertNone(BLOCKED_POOL_THREAD, "While the three fetches were pending", pages.timeline());
            for (String url : List.of("c", "a", "b")) {
                if (pages.pendingKeys().contains(url)) {
                    pages.complete(url, body(url));
                }
            }
            if (pages.callCount() == 0) {
                throw DID_NOT_CALL.report().saw("fetchAll(a, b, c) made no fetch at all.").failure();
            }
            List<String> bodies = PATIENCE.settle(result, "fetchAll(a, b, c)").value(NEVER_COMPLETED, WRONG_FAILURE,
                    "fetchAll(a, b, c)");
            pages.waits().assertNone(BLOCKED_POOL_THREAD, "While the pages arrived", pages.timeline());
            if (!PAGES.equals(bodies)) {
                throw COMPLETION_ORDER.report().saw("fetchAll(a, b, c) gave " + bodies + ".").expected(PAGES)
                        .actual(bodies).failure();
            }
        } finally {
            pages.completeAll(PageFetcherTest::body);
        }
    }

    @Test
    @Points(2)
    @DisplayName("stays right when many pages arrive at the same instant on different threads")
    void manyPagesAtTheSameInstant() {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            urls.add("u" + i);
        }
        List<String> expected = urls.stream().map(PageFetcherTest::body).toList();
        PageFetcher last = null;
        try (RaceRounds rounds = RaceRounds.of(LOST_UPDATE, UNSAFE_SHARED_STATE, PageFetcher.class,
                "8 pages arrived", "every page arriving on one thread")) {
            // Round 0 is the control: every page arrives on this one thread. Only if that is right does a
            // wrong result in a later round say something about threads.
            for (int round = 0; round <= 100; round++) {
                // A client without locks of its own, so the completions overlap in the code under test only.
                Map<String, CompletableFuture<String>> calls = new ConcurrentHashMap<>();
                PageFetcher fetcher = new PageFetcher(url -> calls.computeIfAbsent(url, u -> new CompletableFuture<>()));
                last = fetcher;
                CompletableFuture<List<String>> result = Returns.promptly(BLOCKED_CALLER, "fetchAll(u0 .. u7)",
                        () -> fetcher.fetchAll(urls));
                if (calls.size() != urls.size()) {
                    throw (calls.isEmpty() ? DID_NOT_CALL : ONE_AT_A_TIME).report()
                            .saw("fetchAll(u0 .. u7) returned after starting " + calls.size() + " of 8 fetches.")
                            .failure();
                }
                List<Runnable> arrivals = new ArrayList<>();
                for (String url : urls) {
                    CompletableFuture<String> page = calls.get(url);
                    arrivals.add(() -> page.complete(body(url)));
                }
                rounds.complete(round, arrivals, fetcher, "fetchAll");
                Settle<List<String>> settled = Settle.within(result, SHORT);
                if (round == 0) {
                    requirePages(settled, expected, "fetchAll(u0 .. u7), its pages arriving one by one on one thread,",
                            null);
                    continue;
                }
                if (!settled.pending() && !settled.failed() && RaceRounds.reordered(settled.value(), expected)) {
                    throw rounds.inCompletionOrder(COMPLETION_ORDER, round, "fetchAll(u0 .. u7) gave them in that"
                                    + " order: " + settled.value() + ".")
                            .expected(expected)
                            .actual(settled.value())
                            .failure();
                }
                if (settled.pending() || settled.failed() || !expected.equals(settled.value())) {
                    throw rounds.raced(round, fetcher, "fetchAll(u0 .. u7) "
                                    + RaceRounds.outcome(settled, settled::value))
                            .expected(expected)
                            .actual(settled.pending() || settled.failed() ? null : settled.value())
                            .failure(settled.failure());
                }
            }
            rounds.assertNoUnsafeState(last, "The pages came out right in every round, but the code keeps state"
                    + " that several threads would share without protection; the race is rare, not absent:");
        }
    }

    @Override
    public void worksOnce() {
        try (AsyncService pages = AsyncService.named("fetch").latency(TimeScale.millis(10))) {
            Settle<List<String>> result = callAndSettle(new PageFetcher(clientOf(pages)), URLS);
            requirePages(result, PAGES, "fetchAll(a, b, c), which must work before its code is checked for blocking"
                    + " calls,", pages.timeline());
            requireCalledForEach(pages.timeline(), URLS, "fetchAll(a, b, c)");
        }
    }

    /** Names [did-not-call] when the result came without a fetch for every URL, [fetched-twice] for a URL asked twice. */
    private static void requireCalledForEach(Timeline timeline, List<String> urls, String what) {
        List<String> made = timeline.startOrder();
        List<String> missing = urls.stream().filter(u -> !made.contains("fetch(" + u + ")")).toList();
        if (!missing.isEmpty()) {
            throw DID_NOT_CALL.report()
                    .saw(what + " never asked the client for " + missing + ". The pages exist only on the other end"
                            + " of client.fetch; every URL needs its own call.")
                    .timeline(timeline)
                    .failure();
        }
        requireCalledOnceEach(timeline, urls, what);
    }

    /** Names [fetched-twice] when a URL was fetched more than once. */
    private static void requireCalledOnceEach(Timeline timeline, List<String> urls, String what) {
        List<String> made = timeline.startOrder();
        List<String> twice = urls.stream().filter(u -> Collections.frequency(made, "fetch(" + u + ")") > 1).toList();
        if (!twice.isEmpty()) {
            throw FETCHED_TWICE.report()
                    .saw(what + " asked the client for " + twice + " more than once: " + made + ".\nOne call per URL:"
                            + " a second request (a retry, a second round to read the results) doubles the load on"
                            + " the server, and the page you return may not be the one the first request brought.")
                    .timeline(timeline)
                    .failure();
        }
    }

    /** The result must be exactly {@code expected}; every other outcome is named. */
    private static void requirePages(Settle<List<String>> result, List<String> expected, String what,
                                     Timeline timeline) {
        if (result.failed() && result.failure() instanceof asynckit.testkit.NotConcurrentException gaveUp) {
            throw ONE_AT_A_TIME.report()
                    .saw(what + " failed because the fetches never overlapped: " + gaveUp.getMessage() + ".")
                    .timeline(timeline)
                    .failure(gaveUp);
        }
        List<String> bodies = result.value(NEVER_COMPLETED, WRONG_FAILURE, what);
        if (expected.equals(bodies)) {
            return;
        }
        boolean sameSet = bodies != null && bodies.size() == expected.size() && bodies.containsAll(expected);
        throw (sameSet ? COMPLETION_ORDER : LOST_FAILURE).report()
                .saw(what + " gave " + bodies + "; it should be " + expected + "."
                        + (sameSet ? "" : " Pages are missing or replaced."))
                .expected(expected)
                .actual(bodies)
                .timeline(timeline)
                .failure();
    }

    private static String describe(CompletableFuture<?> f) {
        return f.state() == java.util.concurrent.Future.State.SUCCESS ? "done with " + f.resultNow()
                : f.state() == java.util.concurrent.Future.State.FAILED ? "failed with " + f.exceptionNow() : "done";
    }

    /**
     * Calls fetchAll and waits for its future. A fetchAll that blocks and then throws (because the
     * service gave up on it) is reported as a failed result, so the oracle can speak first.
     */
    private static Settle<List<String>> callAndSettle(PageFetcher fetcher, List<String> urls) {
        return PATIENCE.settle(start(fetcher, urls), "fetchAll(" + String.join(", ", urls) + ")");
    }

    /** Calls fetchAll; a fetchAll that throws (after blocking until the service gave up) gives a failed future. */
    private static CompletableFuture<List<String>> start(PageFetcher fetcher, List<String> urls) {
        try {
            return fetcher.fetchAll(urls);
        } catch (UnsupportedOperationException notWritten) {
            throw notWritten;
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
