package asynckit.ex01;

import static org.assertj.core.api.Assertions.assertThat;

import asynckit.testkit.AsyncService;
import asynckit.testkit.Exercise;
import asynckit.testkit.Lesson;
import asynckit.testkit.ManualService;
import asynckit.testkit.NoBlockingCalls;
import asynckit.testkit.Mistake;
import asynckit.testkit.Overlap;
import asynckit.testkit.Points;
import asynckit.testkit.Rendezvous;
import asynckit.testkit.Returns;
import asynckit.testkit.Settle;
import asynckit.testkit.TimeScale;
import asynckit.testkit.WallClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
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

    private static final Duration BOUND = TimeScale.millis(5_000);
    private static final List<String> URLS = List.of("a", "b", "c");
    private static final List<String> PAGES = List.of("<page a>", "<page b>", "<page c>");

    private static PageClient clientOf(AsyncService service) {
        return url -> service.call(url, () -> "<page " + url + ">");
    }

    @Test
    @Points(6)
    @DisplayName("has every fetch in flight at the same time")
    void startsEveryFetchBeforeWaitingForAny() {
        try (AsyncService pages = AsyncService.named("fetch")
                .latency(TimeScale.millis(50))
                .rendezvous(Rendezvous.of(3))) {
            Settle<List<String>> result = callAndSettle(new PageFetcher(clientOf(pages)), URLS);

            Overlap.assertPeakAtLeast(pages.timeline(), 3, ONE_AT_A_TIME, "fetchAll(a, b, c)");
            assertThat(result.value()).containsExactlyElementsOf(PAGES);
        }
    }

    @Test
    @Points(5)
    @DisplayName("returns a future at once, before any page has arrived")
    void returnsAFutureAtOnce() {
        ManualService<String> pages = new ManualService<>("fetch");
        PageFetcher fetcher = new PageFetcher(pages::call);
        try {
            CompletableFuture<List<String>> result = Returns.promptly(BLOCKED_CALLER, "fetchAll(a, b, c)",
                    pages.timeline(), () -> fetcher.fetchAll(URLS));

            assertThat(result).as("the future fetchAll returned").isNotNull();
            if (result.isDone()) {
                throw BLOCKED_CALLER.report()
                        .saw("fetchAll returned a future that was already complete while every fetch was still"
                                + " pending: " + result)
                        .failure();
            }
            if (!pages.awaitCalls(3, TimeScale.millis(1_000))) {
                throw ONE_AT_A_TIME.report()
                        .saw("fetchAll returned, but only " + pages.callCount() + " of 3 fetches had started; the"
                                + " rest were waiting for the first page.")
                        .timeline(pages.timeline())
                        .failure();
            }
            pages.complete("c", "<page c>");
            pages.complete("b", "<page b>");
            assertThat(result).as("fetchAll's future while page a is still pending").isNotDone();
            pages.complete("a", "<page a>");

            List<String> bodies = Settle.within(result, BOUND).value();
            if (!bodies.equals(PAGES)) {
                throw COMPLETION_ORDER.report()
                        .saw("Pages arrived in the order c, b, a. fetchAll's result was " + bodies
                                + ", but it should be " + PAGES + ".")
                        .failure();
            }
        } finally {
            pages.completeAll(url -> "<page " + url + ">");
        }
    }

    @Test
    @Points(5)
    @DisplayName("returns the pages in the order they were asked for, whatever order they arrive in")
    void keepsTheOrderOfTheUrls() {
        try (AsyncService pages = AsyncService.named("fetch")
                .latency("a", TimeScale.millis(60))
                .latency("b", TimeScale.millis(40))
                .latency("c", TimeScale.millis(20))) {
            List<String> bodies = callAndSettle(new PageFetcher(clientOf(pages)), URLS).value();

            if (!bodies.equals(PAGES)) {
                throw COMPLETION_ORDER.report()
                        .saw("fetchAll(a, b, c) returned " + bodies + "; it should be " + PAGES + ".")
                        .timeline(pages.timeline())
                        .failure();
            }
        }
    }

    @Test
    @Points(3)
    @DisplayName("takes about as long as the slowest fetch, not the sum of all of them")
    void takesAboutTheLongestFetch() {
        Duration latency = TimeScale.millis(200);
        try (AsyncService pages = AsyncService.named("fetch").latency(latency)) {
            PageFetcher fetcher = new PageFetcher(clientOf(pages));
            long start = System.nanoTime();
            List<String> bodies = callAndSettle(fetcher, URLS).value();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            WallClock.assertFasterThanMidway(took, latency, latency.multipliedBy(3), ONE_AT_A_TIME, pages.timeline());
            assertThat(bodies).containsExactlyElementsOf(PAGES);
        }
    }

    @Test
    @Points(2)
    @DisplayName("gives an empty list, already complete, when there is nothing to fetch")
    void emptyInput() {
        try (AsyncService pages = AsyncService.named("fetch")) {
            CompletableFuture<List<String>> result = new PageFetcher(clientOf(pages)).fetchAll(List.of());

            assertThat(result).as("fetchAll(no urls)").isNotNull();
            assertThat(result).as("fetchAll(no urls) should be complete at once").isDone();
            assertThat(Settle.within(result, BOUND).value()).isEmpty();
            assertThat(pages.timeline().size()).as("fetches made").isZero();
        }
    }

    @Test
    @Points(2)
    @DisplayName("fails with the fetch's own exception when one fetch fails")
    void aFailedFetchFailsTheResult() {
        IOException reset = new IOException("connection reset while fetching b");
        try (AsyncService pages = AsyncService.named("fetch")
                .latency(TimeScale.millis(20))
                .failing("b", () -> reset)) {
            Settle<List<String>> result = callAndSettle(new PageFetcher(clientOf(pages)), URLS);

            if (result.pending() || !result.failed()) {
                throw LOST_FAILURE.report()
                        .saw(result.pending()
                                ? "fetch(b) failed, and fetchAll's future never completed."
                                : "fetch(b) failed, yet fetchAll's future completed normally with " + result.value())
                        .timeline(pages.timeline())
                        .failure();
            }
            assertThat(result.failure()).as("the failure of fetchAll's future").isSameAs(reset);
        }
    }

    @Override
    public void worksOnce() {
        try (AsyncService pages = AsyncService.named("fetch").latency(TimeScale.millis(10))) {
            assertThat(callAndSettle(new PageFetcher(clientOf(pages)), URLS).value())
                    .as("fetchAll must work before its code is checked for blocking calls")
                    .containsExactlyElementsOf(PAGES);
        }
    }

    /**
     * Calls fetchAll and waits for its future. A fetchAll that blocks and then throws (because the
     * service gave up on it) is reported as a failed result, so the oracle can speak first.
     */
    private static Settle<List<String>> callAndSettle(PageFetcher fetcher, List<String> urls) {
        CompletableFuture<List<String>> result;
        try {
            result = fetcher.fetchAll(urls);
        } catch (UnsupportedOperationException notWritten) {
            throw notWritten;
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return Settle.within(result, BOUND);
    }
}
