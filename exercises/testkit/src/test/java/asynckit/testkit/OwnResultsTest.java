package asynckit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class OwnResultsTest {
    static final Lesson LESSON = new Lesson("00-example");
    static final Mistake MIXED = LESSON.mistake("mixed-calls", "two calls on one object mixed their results.", 2);
    static final String ADVICE = "Keep what belongs to one call in its local variables.";

    private static final List<String> ABC = List.of("a", "b", "c");
    private static final List<String> PAGES_ABC = List.of("<a>", "<b>", "<c>");
    private static final List<String> DE = List.of("d", "e");
    private static final List<String> PAGES_DE = List.of("<d>", "<e>");

    private static OwnResults<String> fetches(List<String> first, List<String> second) {
        return OwnResults.<String>on("one Fetcher")
                .call("fetchAll(a, b, c)", ABC, PAGES_ABC, first)
                .call("fetchAll(d, e)", DE, PAGES_DE, second);
    }

    @Test
    void callsThatKeepToTheirOwnPassWhateverElseIsWrongWithThem() {
        assertThatCode(() -> fetches(PAGES_ABC, PAGES_DE).assertApart(MIXED, ADVICE)).doesNotThrowAnyException();
        // Wrong in other ways (order, a page missing, a stray value, null): for the caller's other checks to name.
        assertThatCode(() -> fetches(List.of("<c>", "<b>"), Arrays.asList("<e>", null, "junk")).assertApart(MIXED,
                ADVICE)).doesNotThrowAnyException();
        assertThatCode(() -> fetches(null, List.of()).assertApart(MIXED, ADVICE)).doesNotThrowAnyException();
    }

    @Test
    void aResultHoldingWhatTheOtherCallAskedForIsNamedWithBothCallsAndTheHint() {
        Timeline timeline = new Timeline();
        timeline.begin("fetch(a)").succeeded();

        AssertionFailedError failure = catchFailure(() -> fetches(List.of("<d>", "<e>"), PAGES_DE)
                .timeline(timeline)
                .assertApart(MIXED, ADVICE));

        assertThat(failure.getMessage()).startsWith("Mistake [mixed-calls]: two calls on one object mixed their"
                        + " results.\n"
                        + "  Two calls were in flight on one Fetcher at the same time:\n"
                        + "  - fetchAll(a, b, c) asked for a, b, c and gave [<d>, <e>]\n"
                        + "  - fetchAll(d, e) asked for d, e and gave [<d>, <e>]\n"
                        + "  fetchAll(a, b, c)'s result holds what fetchAll(d, e) asked for: <d>, <e>.\n"
                        + "  " + ADVICE + "\n\n")
                .contains("fetch(a)")
                .contains("expected: {fetchAll(a, b, c)=[<a>, <b>, <c>], fetchAll(d, e)=[<d>, <e>]}")
                .contains("actual:   {fetchAll(a, b, c)=[<d>, <e>], fetchAll(d, e)=[<d>, <e>]}")
                .endsWith("-> Hint 2 in exercises/00-example/README.md");
        assertThat(failure.isExpectedDefined()).isTrue();
        assertThat(failure.getExpected().getValue()).isEqualTo(Map.of("fetchAll(a, b, c)", PAGES_ABC,
                "fetchAll(d, e)", PAGES_DE));
    }

    @Test
    void eitherWayRoundAndBothAtOnceAreNamed() {
        // A field that every call adds to: each result holds the other's pages.
        List<String> all = List.of("<a>", "<b>", "<c>", "<d>", "<e>");
        assertThat(fetches(all, all).mixes()).containsExactly(
                new OwnResults.Mix("fetchAll(a, b, c)", "fetchAll(d, e)", List.of("<d>", "<e>")),
                new OwnResults.Mix("fetchAll(d, e)", "fetchAll(a, b, c)", List.of("<a>", "<b>", "<c>")));
        // The second call gave the first one's pages, the first its own.
        assertThat(fetches(PAGES_ABC, List.of("<a>")).mixes()).containsExactly(
                new OwnResults.Mix("fetchAll(d, e)", "fetchAll(a, b, c)", List.of("<a>")));
    }

    @Test
    void anItemBothCallsExpectProvesNothing() {
        OwnResults<String> overlapping = OwnResults.<String>on("one Fetcher")
                .call("fetchAll(a, b)", List.of("a", "b"), List.of("<a>", "<b>"), List.of("<b>", "<b>"))
                .call("fetchAll(b, c)", List.of("b", "c"), List.of("<b>", "<c>"), List.of("<b>", "<c>"));
        assertThat(overlapping.mixes()).isEmpty();
    }

    @Test
    void withAnOwnerAnItemThatIsItselfWrongStillShowsWhoseItIs() {
        record Profile(String user, String posts) {}
        OwnResults<Profile> loads = OwnResults.<Profile>on("one Loader")
                .belongsTo(Profile::user)
                .call("loadAll(ada, bob)", List.of("ada", "bob"), List.of(new Profile("ada", "p1"), new Profile("bob",
                        "p2")), List.of(new Profile("ada", "p1"), new Profile("dee", "p2")))
                .call("loadAll(dee)", List.of("dee"), List.of(new Profile("dee", "p4")), List.of(new Profile("dee",
                        "p4")));

        assertThat(loads.mixes()).containsExactly(new OwnResults.Mix("loadAll(ada, bob)", "loadAll(dee)",
                List.of("dee")));
        assertThatThrownBy(() -> loads.assertApart(MIXED, ADVICE))
                .hasMessageContaining("- loadAll(ada, bob) asked for ada, bob and gave the results for ada, dee\n")
                .hasMessageContaining("loadAll(ada, bob)'s result holds what loadAll(dee) asked for: dee.")
                .hasMessageContaining("actual:   {loadAll(ada, bob)=[Profile[user=ada, posts=p1], Profile[user=dee,"
                        + " posts=p2]], loadAll(dee)=[Profile[user=dee, posts=p4]]}");
    }

    @Test
    void aCallThatGaveNoValueIsShownAndTheOthersAreStillCompared() {
        CompletableFuture<List<String>> never = new CompletableFuture<>();
        Settle<List<String>> pending = Settle.within(never, Duration.ZERO);
        Settle<List<String>> failed = Settle.within(CompletableFuture.failedFuture(new IllegalStateException("boom")),
                Duration.ZERO);
        Settle<List<String>> gaveFirstsPages = Settle.within(CompletableFuture.completedFuture(PAGES_ABC),
                Duration.ZERO);

        assertThat(OwnResults.<String>on("one Fetcher")
                .call("fetchAll(a, b, c)", ABC, PAGES_ABC, pending)
                .call("fetchAll(d, e)", DE, PAGES_DE, failed)
                .mixes()).isEmpty();
        assertThatThrownBy(() -> OwnResults.<String>on("one Fetcher")
                .call("fetchAll(a, b, c)", ABC, PAGES_ABC, pending)
                .call("fetchAll(d, e)", DE, PAGES_DE, gaveFirstsPages)
                .assertApart(MIXED, ADVICE))
                .hasMessageContaining("- fetchAll(a, b, c) asked for a, b, c and was still pending\n")
                .hasMessageContaining("- fetchAll(d, e) asked for d, e and gave [<a>, <b>, <c>]\n")
                .hasMessageContaining("actual:   {fetchAll(a, b, c)=(was still pending),"
                        + " fetchAll(d, e)=[<a>, <b>, <c>]}");
    }

    @Test
    void oneCallIsNotAComparison() {
        assertThatThrownBy(() -> OwnResults.<String>on("one Fetcher").call("fetchAll(a)", List.of("a"),
                List.of("<a>"), List.of("<a>")).assertApart(MIXED, ADVICE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two calls or more");
    }

    private static AssertionFailedError catchFailure(Runnable check) {
        try {
            check.run();
        } catch (AssertionFailedError e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }
}
