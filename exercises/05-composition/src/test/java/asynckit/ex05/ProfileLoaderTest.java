package asynckit.ex05;

import asynckit.testkit.AsyncService;
import asynckit.testkit.Exercise;
import asynckit.testkit.Lesson;
import asynckit.testkit.ManualFutures;
import asynckit.testkit.ManualService;
import asynckit.testkit.Mistake;
import asynckit.testkit.NoBlockingCalls;
import asynckit.testkit.OwnResults;
import asynckit.testkit.Points;
import asynckit.testkit.Settle;
import asynckit.testkit.Teach;
import asynckit.testkit.ThreadWatch;
import asynckit.testkit.TimeScale;
import asynckit.testkit.Timeline;
import asynckit.testkit.internal.CallFamily;
import asynckit.testkit.internal.ClassImports;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every call to the social service stays pending until the test answers it, and the test answers on the
 * service's own thread ({@code social-api}), as a real client does: so each check looks at what the
 * loader does while a call is outstanding, with no clock and no race, and a callback that blocks the
 * thread completing its future is seen at once, with its stack.
 */
@Exercise("05-composition")
@DisplayName("05 Composition: ProfileLoader")
class ProfileLoaderTest implements NoBlockingCalls {
    static final Lesson LESSON = Lesson.of(ProfileLoaderTest.class);
    static final Mistake WRONG_PROFILE = LESSON.mistake("wrong-profile");
    static final Mistake NEVER_COMPLETED = LESSON.mistake("never-completed");
    static final Mistake DID_NOT_CALL = LESSON.mistake("did-not-call");
    static final Mistake STEP_BEFORE_INPUT = LESSON.mistake("step-before-input");
    static final Mistake USER_FETCHED_TWICE = LESSON.mistake("user-fetched-twice");
    static final Mistake INDEPENDENT_IN_SEQUENCE = LESSON.mistake("independent-in-sequence");
    static final Mistake ONE_USER_AT_A_TIME = LESSON.mistake("one-user-at-a-time");
    static final Mistake COMPLETION_ORDER = LESSON.mistake("completion-order");
    static final Mistake OUT_OF_ORDER = LESSON.mistake("out-of-order");
    static final Mistake FINISHED_EARLY = LESSON.mistake("finished-early");
    static final Mistake HANDLE_TWICE = LESSON.mistake("handle-twice");
    static final Mistake MIXED_USERS = LESSON.mistake("mixed-users");
    static final Mistake JOIN_INSIDE_A_STEP = LESSON.mistake("join-inside-a-step");
    static final Mistake BLOCKED_CALLER = LESSON.mistake("blocked-the-caller");
    static final Mistake EAGER_FALLBACK = LESSON.mistake("eager-fallback");
    static final Mistake FALLBACK_ON_A_TIMER = LESSON.mistake("fallback-on-a-timer");
    static final Mistake FALLBACK_IGNORED = LESSON.mistake("fallback-ignored");
    static final Mistake LOST_FAILURE = LESSON.mistake("lost-failure");

    /** How long something that should happen at once may take (right code takes microseconds). */
    private static final Duration SOON = TimeScale.millis(500);
    /** How long a thread may stay busy (not parked) in the loader's code before it counts as a spin. */
    private static final Duration SPIN_BOUND = TimeScale.millis(2_000);
    /** How long a step may still come once another step of the same load has failed (right code: at once). */
    private static final Duration GRACE = TimeScale.millis(50);
    /** How long the test watches every thread for one parked inside the loader (right code: never). */
    private static final Duration WATCH_WINDOW = TimeScale.millis(100);

    private static final Map<String, User> USERS = Map.of(
            "ada", new User("u1", "Ada Lovelace"),
            "bob", new User("u2", "Bob Kahn"),
            "cy", new User("u3", "Cy Twombly"),
            "dee", new User("u4", "Dee Hock"));
    private static final Map<String, List<String>> POSTS = Map.of(
            "ada", List.of("Notes on the engine", "Bernoulli numbers"),
            "bob", List.of("A protocol for packet networks"),
            "cy", List.of("Untitled (Rome)"),
            "dee", List.of("One from many"));
    private static final Map<String, List<String>> FRIENDS = Map.of(
            "ada", List.of("charles", "mary"),
            "bob", List.of("vint"),
            "cy", List.of("robert", "tatiana"),
            "dee", List.of("visa"));
    private static final Profile CACHED_ADA = new Profile(USERS.get("ada"), List.of("(from the cache)"), List.of());

    private static Profile expected(String handle) {
        return new Profile(USERS.get(handle), POSTS.get(handle), FRIENDS.get(handle));
    }

    private static String id(String handle) {
        return USERS.get(handle).id();
    }

    // ---------------------------------------------------------------------------------------------
    // load

    @Test
    @Points(3)
    @DisplayName("load asks for the user, then for the posts and friends with the user's id, and asks afresh every"
            + " time")
    void loadsTheUserThenThePages() {
        try (Social s = new Social()) {
            CompletableFuture<Profile> first = s.load("ada", 1);
            s.answerUser("ada");
            s.answerWhenAsked(s.postsStep("ada"), s.friendsStep("ada"));
            s.expectProfile(first, "ada", "load(\"ada\")");

            CompletableFuture<Profile> again = s.load("ada", 2);
            s.answerUser("ada");
            s.answerWhenAsked(s.postsStep("ada"), s.friendsStep("ada"));
            s.expectProfile(again, "ada", "the second load(\"ada\")");
        }
    }

    @Test
    @Points(4)
    @DisplayName("load has the posts and the friends in flight together once the user is known")
    void fetchesPostsAndFriendsTogether() {
        try (Social s = new Social()) {
            CompletableFuture<Profile> result = s.load("ada", 1);
            s.answerUser("ada");
            boolean posts = s.posts.awaitCall("u1", SOON);
            boolean friends = s.friends.awaitCall("u1", SOON);
            s.checkInputs();
            if (!posts && !friends) {
                throw DID_NOT_CALL.report()
                        .saw("findUser(ada) was answered with " + USERS.get("ada") + ", and then neither postsOf(u1)"
                                + " nor friendsOf(u1) was called.")
                        .timeline(s.timeline)
                        .failure();
            }
            if (!posts || !friends) {
                String asked = posts ? "postsOf(u1)" : "friendsOf(u1)";
                String other = posts ? "friendsOf(u1)" : "postsOf(u1)";
                throw INDEPENDENT_IN_SEQUENCE.report()
                        .saw("findUser(ada) was answered; then " + asked + " was called, but " + other + " was not"
                                + " called while " + asked + " was pending (the test waited " + SOON.toMillis()
                                + " ms).\nBoth need only the user's id, not each other: start both from the same"
                                + " user, then combine them.")
                        .timeline(s.timeline)
                        .failure();
            }
            s.answerFriends("ada");
            s.answerPosts("ada");
            s.expectProfile(result, "ada", "load(\"ada\")");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // loadAll

    @Test
    @Points(5)
    @DisplayName("loadAll loads every user at the same time and keeps each page with its own user, in the order"
            + " asked")
    void loadsManyUsersAtOnce() {
        List<String> handles = List.of("ada", "bob", "cy");
        try (Social s = new Social()) {
            CompletableFuture<List<Profile>> result = s.start("loadAll(ada, bob, cy)", () -> s.loader.loadAll(handles));
            s.expectLookups(Map.of("ada", 1, "bob", 1, "cy", 1), "loadAll(ada, bob, cy)", result);
            s.expectNotAnsweredYet(result, "loadAll(ada, bob, cy)");
            s.expectNoThreadHeld("While the lookups of ada, bob and cy were pending", "A load that waits"
                    + " (supplyAsync(() -> load(h).join()), a join in a step) holds a thread for as long as the service"
                    + " takes; the pool has a few threads for the whole program. Compose instead: map every handle to"
                    + " load(handle), then allOf.");

            // A second loadAll overlaps the first, and finishes first: nothing of one call may reach the other.
            CompletableFuture<List<Profile>> other = s.start("loadAll(dee)", () -> s.loader.loadAll(List.of("dee")));
            s.expectLookups(Map.of("dee", 1), "loadAll(dee)", other);
            s.answerUser("dee");
            s.answerWhenAsked(s.postsStep("dee"), s.friendsStep("dee"));
            String overlapped = "loadAll(dee) ran while loadAll(ada, bob, cy) was pending.";
            Runnable checkDee = () -> expectProfiles(s.settleValue(other, "loadAll(dee)"), List.of("dee"),
                    List.of("dee"), "loadAll(dee)", overlapped, overlapped);
            // Still pending with all of its own calls answered: it may be waiting for the first call's loads (a list
            // of them in a field that each loadAll adds to); the first call's answers show whether it was.
            boolean deeWaits = Settle.within(other, SOON).pending();
            if (!deeWaits) {
                checkDee.run();
            }

            // Users answered last-first, then pages in an order where shared state or arrival order shows.
            s.answerUser("cy");
            s.answerUser("ada");
            s.answerUser("bob");
            s.answerWhenAsked(s.friendsStep("cy"), s.postsStep("ada"), s.postsStep("bob"), s.postsStep("cy"),
                    s.friendsStep("ada"));
            s.expectStillPending(result, "loadAll(ada, bob, cy)", "friendsOf(u2)");
            s.answerWhenAsked(s.friendsStep("bob"));
            s.checkLookups(handles, 1, "loadAll(ada, bob, cy)");

            List<Profile> got = s.settleValue(result, "loadAll(ada, bob, cy)");
            OwnResults.<Profile>on("one ProfileLoader")
                    .belongsTo(ProfileLoaderTest::owner)
                    .call("loadAll(ada, bob, cy)", handles, handles.stream().map(ProfileLoaderTest::expected).toList(),
                            got)
                    .call("loadAll(dee)", List.of("dee"), List.of(expected("dee")), Settle.within(other, SOON))
                    .timeline(s.timeline)
                    .assertApart(MIXED_USERS, "A field that one call fills and another reads (like self.pages = [...]"
                            + " in Python) is shared by every call that overlaps; keep each call's futures in its own"
                            + " local variables.");
            if (deeWaits) {
                checkDee.run();
            }
            expectProfiles(got, handles, List.of("cy", "ada", "bob"), "loadAll(ada, bob, cy)", "The profiles were"
                    + " finished in the order cy, ada,"
                    + " bob (the test answered them so).", "The three loads overlapped: findUser was answered for cy,"
                    + " ada and bob before any posts or friends.");
        }
    }

    /**
     * The profiles of {@code handles}, in that order; otherwise names the mistake the list shows. {@code finished}
     * is the order in which the test finished the loads (null when the service's own timing decided it).
     */
    private static void expectProfiles(List<Profile> got, List<String> handles, List<String> finished, String call,
                                       String order, String overlap) {
        List<Profile> want = handles.stream().map(ProfileLoaderTest::expected).toList();
        if (want.equals(got)) {
            return;
        }
        if (got != null && got.size() == want.size() && new HashSet<>(got).equals(new HashSet<>(want))) {
            List<String> gotOrder = owners(got);
            if (finished != null && gotOrder.equals(finished)) {
                throw COMPLETION_ORDER.report()
                        .saw(order + "\n" + call + " gave the users in the order " + gotOrder + ", the order they"
                                + " finished in; it must follow the handles: " + handles + ".")
                        .expected(want)
                        .actual(got)
                        .failure();
            }
            List<String> reversed = new ArrayList<>(handles);
            java.util.Collections.reverse(reversed);
            List<Mistake> named = finished != null ? List.of(OUT_OF_ORDER) : gotOrder.equals(reversed)
                    ? List.of(OUT_OF_ORDER, COMPLETION_ORDER) : List.of(COMPLETION_ORDER, OUT_OF_ORDER);
            throw Teach.about(named)
                    .saw(order + "\n" + call + " gave the users in the order " + gotOrder + "; it must follow the"
                            + " handles: " + handles + "." + (finished == null ? ""
                                    : " That is not the order they finished in either (" + finished + "): the way the"
                                            + " list was built put them out of order.")
                            + (gotOrder.equals(reversed) ? "\nIt is the handles' order reversed: a list built from the"
                                    + " back (a prepend, or recursion that adds the head after the rest)." : ""))
                    .expected(want)
                    .actual(got)
                    .failure();
        }
        if (got != null && got.size() < want.size() && want.containsAll(got)) {
            throw Teach.about(List.of(FINISHED_EARLY, HANDLE_TWICE))
                    .saw(call + " gave " + got.size() + " profile(s) for " + want.size() + " handles " + handles
                            + ": the right profiles, but not all of them.\nA list made as soon as the first load (anyOf)"
                            + " or most of them (a countdown one short) had finished leaves the others out; so does a"
                            + " map or set keyed by handle when a handle comes twice.")
                    .expected(want)
                    .actual(got)
                    .failure();
        }
        for (Profile p : got == null ? List.<Profile>of() : got) {
            String mixed = p == null ? null : describeMix(p);
            if (mixed != null) {
                throw MIXED_USERS.report()
                        .saw(overlap + "\n" + mixed + "\nA field written by one load and read by another is"
                                + " overwritten while they overlap; keep each load's data in its own lambda"
                                + " parameters.")
                        .expected(want)
                        .actual(got)
                        .failure();
            }
        }
        throw WRONG_PROFILE.report()
                .saw(call + " gave a list that is not the profiles the service described."
                        + "\nthenCombine passes the values in the order of the code: a.thenCombine(b, (fromA, fromB)"
                        + " -> ...), whichever arrived first.")
                .expected(want)
                .actual(got)
                .failure();
    }

    @Test
    @Points(1)
    @DisplayName("loadAll of no handles gives an empty list, already complete, and calls nothing; of a handle given"
            + " twice, its profile twice")
    void loadAllOfNothing() {
        loadAllOfARepeatedHandle();
        try (Social s = new Social()) {
            CompletableFuture<List<Profile>> result = s.start("loadAll(no handles)", () -> s.loader.loadAll(List.of()));
            Settle<List<Profile>> settled = Settle.within(result, Duration.ZERO);
            if (settled.pending() || settled.failed()) {
                throw NEVER_COMPLETED.report()
                        .saw("loadAll(no handles) returned a future that " + (settled.pending()
                                ? "was not complete. With nothing to load, no callback ever runs: a countdown that"
                                        + " completes the result in a callback never reaches zero, and a step on"
                                        + " another thread (thenApplyAsync) has not run yet. Nothing to wait for:"
                                        + " hand back a completed future."
                                : "failed with " + settled.failure() + "."))
                        .expected(List.of())
                        .actual("a future that " + Social.state(result))
                        .failure(settled.failure());
            }
            if (!settled.value().isEmpty() || s.timeline.size() != 0) {
                throw WRONG_PROFILE.report()
                        .saw("loadAll(no handles) gave " + settled.value() + " after making "
                                + s.timeline.size() + " calls; nothing was asked for.")
                        .expected(List.of())
                        .actual(settled.value())
                        .timeline(s.timeline)
                        .failure();
            }
        }
    }

    /**
     * loadAll(dee, ada, dee) must give three profiles, dee's twice: results kept in a map (or a set) keyed by handle
     * hold each handle once, and Collectors.toMap throws on the repeated key. Whether the repeated handle is looked up
     * once or twice is the loader's choice: every call still pending is answered until the result completes.
     */
    private static void loadAllOfARepeatedHandle() {
        List<String> handles = List.of("dee", "ada", "dee");
        String call = "loadAll(dee, ada, dee)";
        try (Social s = new Social()) {
            CompletableFuture<List<Profile>> result;
            try {
                result = s.start(call, () -> s.loader.loadAll(handles));
            } catch (RuntimeException thrown) {
                throw HANDLE_TWICE.report()
                        .saw(call + " threw " + ManualFutures.describeError(thrown) + " instead of returning a future."
                                + "\nA handle may come twice in the list: a map keyed by handle (Collectors.toMap"
                                + " throws on a repeated key) holds each handle once.")
                        .failure(thrown);
            }
            long deadline = System.nanoTime() + SOON.toNanos();
            while (!result.isDone() && System.nanoTime() < deadline) {
                s.answerEverythingPending();
                LockSupport.parkNanos(500_000);
            }
            List<Profile> got = s.settleValue(result, call);
            List<Profile> want = handles.stream().map(ProfileLoaderTest::expected).toList();
            if (got != null && got.size() != want.size() && new HashSet<>(want).equals(new HashSet<>(got))) {
                throw HANDLE_TWICE.report()
                        .saw(call + " gave " + got.size() + " profiles for " + want.size() + " handles, dee's "
                                + owners(got).stream().filter("dee"::equals).count() + " time(s): a map or set"
                                + " keyed by handle holds a repeated handle once. Give one profile per entry of"
                                + " the list, in its order.")
                        .expected(want)
                        .actual(got)
                        .timeline(s.timeline)
                        .failure();
            }
            expectProfiles(got, handles, null, call, "dee was given twice, ada once.", "The loads overlapped.");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // loadOr

    @Test
    @Points(3)
    @DisplayName("loadOr never calls the fallback while the primary load is pending or after it has succeeded")
    void neverCallsTheFallbackEarly() {
        try (Social s = new Social()) {
            CompletableFuture<Profile> result = s.start("loadOr(\"ada\", fallback)",
                    () -> s.loader.loadOr("ada", s.fallbackFor("ada")));
            s.expectLookups(Map.of("ada", 1), "loadOr(\"ada\", fallback)", result);
            if (s.fallbacks.callCount() > 0) {
                throw EAGER_FALLBACK.report()
                        .saw("loadOr(\"ada\", fallback) called the fallback at once, while findUser(ada) was still"
                                + " pending and nothing had failed.\nIn Java, calling a method that returns a future"
                                + " starts the work: fallback.get() reads the cache right away. Keep the Supplier"
                                + " and call it only in the step that runs on failure.")
                        .timeline(s.timeline)
                        .failure();
            }
            s.answerUser("ada");
            s.answerWhenAsked(s.postsStep("ada"), s.friendsStep("ada"));
            if (s.fallbacks.callCount() > 0) {
                throw EAGER_FALLBACK.report()
                        .saw("The primary load of ada succeeded, yet the fallback was called too: "
                                + s.fallbacks.keys().size() + " fallback call(s), made although nothing failed.")
                        .timeline(s.timeline)
                        .failure();
            }
            s.expectProfile(result, "ada", "loadOr(\"ada\", fallback)");
        }
        requireNoTimerOnTheLoad();
    }

    /**
     * A timer on the primary load (orTimeout, completeOnTimeout, a scheduled task) has the fallback called when it
     * fires, although nothing failed. The test's answers come within milliseconds, long before any timeout one
     * might choose, and no run can wait out every such timeout: so the class is read (ArchUnit), and every timer
     * it sets is named by file and line. The task asks for no timer anywhere in the class.
     */
    private static void requireNoTimerOnTheLoad() {
        List<String> timers = new ArrayList<>();
        for (JavaClass c : ClassImports.of(ProfileLoader.class)) {
            if (!c.getSourceCodeLocation().getSourceFileName().equals("ProfileLoader.java")) {
                continue;
            }
            for (JavaCodeUnit unit : c.getCodeUnits()) {
                for (JavaAccess<?> access : unit.getAccessesFromSelf()) {
                    AccessTarget target = access.getTarget();
                    if (setsATimer(target)) {
                        timers.add("ProfileLoader.java:" + access.getLineNumber() + "  in " + unit.getName() + ": "
                                + target.getOwner().getSimpleName() + "." + target.getName() + "()");
                    }
                }
            }
        }
        if (!timers.isEmpty()) {
            Teach.Report report = FALLBACK_ON_A_TIMER.report().saw("Your class sets a timer:");
            timers.stream().distinct().forEach(t -> report.saw("- " + t));
            throw report.saw("Once it fires, a failed future reaches the step that calls the fallback, although the"
                            + " primary load has not failed: it has only taken longer than a time you chose, and may"
                            + " still answer. The fallback is for a load that failed; a slow one is still pending."
                            + "\nThe test's answers come within milliseconds, so no run shows the timer firing; it is"
                            + " found by reading the class instead.")
                    .failure();
        }
    }

    /**
     * The calls that start a timer: the JDK's own (orTimeout, completeOnTimeout, delayedExecutor) or a scheduler's,
     * on these types or any subtype.
     */
    private static final List<CallFamily> TIMERS = List.of(
            CallFamily.of(java.util.concurrent.CompletableFuture.class, "orTimeout", "completeOnTimeout",
                    "delayedExecutor"),
            CallFamily.of(java.util.concurrent.Executors.class, "newScheduledThreadPool",
                    "newSingleThreadScheduledExecutor"),
            CallFamily.of(java.util.Timer.class, "schedule", "scheduleAtFixedRate"),
            CallFamily.of(java.util.concurrent.ScheduledExecutorService.class, "schedule", "scheduleAtFixedRate",
                    "scheduleWithFixedDelay"));

    /** A call that starts a timer (see {@link #TIMERS}). */
    private static boolean setsATimer(AccessTarget target) {
        return TIMERS.stream().anyMatch(family -> family.matches(target));
    }

    @Test
    @Points(3)
    @DisplayName("loadOr calls the fallback when any step of the primary load fails, and gives the fallback's"
            + " result or failure")
    void fallsBackOnFailure() {
        try (Social s = new Social()) {
            CompletableFuture<Profile> result = s.start("loadOr(\"ada\", fallback)",
                    () -> s.loader.loadOr("ada", s.fallbackFor("ada")));
            s.expectLookups(Map.of("ada", 1), "loadOr(\"ada\", fallback)", result);
            IOException down = new IOException("the user service is down");
            s.failUser("ada", down);
            if (!s.fallbacks.awaitCall("ada", SOON)) {
                throw FALLBACK_IGNORED.report()
                        .saw("findUser(ada) failed with " + ManualFutures.describeError(down) + ", and loadOr never called the fallback; its"
                                + " future " + Social.state(result) + ".\nA failure is not a null value, and not an"
                                + " exception thrown by load (a try/catch around it never sees one): handle it with a"
                                + " step that runs on failure (exceptionallyCompose). That step gets the failure as it"
                                + " comes out of the chain, often a CompletionException around the step's own"
                                + " exception: a test of its type (instanceof IOException) misses it."
                                + (s.lookups("ada") > 1 ? "\nfindUser(ada) was called " + s.lookups("ada") + " times:"
                                        + " a retry of the primary load is not the fallback; the task asks for the"
                                        + " fallback once the primary load has failed." : ""))
                        .timeline(s.timeline)
                        .failure();
            }
            if (result.isDone()) {
                throw FALLBACK_IGNORED.report()
                        .saw("loadOr called the fallback, but its future had already " + Social.state(result)
                                + " before the fallback answered: the fallback's result was not used.")
                        .timeline(s.timeline)
                        .failure();
            }
            s.onApiThread("fallback(ada) answered", () -> s.fallbacks.complete("ada", CACHED_ADA));
            Settle<Profile> settled = Settle.within(result, SOON);
            if (settled.pending() || settled.failed() || !CACHED_ADA.equals(settled.value())) {
                throw FALLBACK_IGNORED.report()
                        .saw("findUser(ada) failed and the fallback answered " + CACHED_ADA + ", but loadOr's"
                                + " future " + Social.state(result) + ".")
                        .expected(CACHED_ADA)
                        .actual(Social.state(result))
                        .timeline(s.timeline)
                        .failure(settled.failure());
            }

            // A later step fails, and then the fallback fails too: its failure is the result.
            CompletableFuture<Profile> second = s.start("loadOr(\"bob\", fallback)",
                    () -> s.loader.loadOr("bob", s.fallbackFor("bob")));
            s.expectLookups(Map.of("bob", 1), "loadOr(\"bob\", fallback)", second);
            s.answerUser("bob");
            IOException reset = new IOException("connection reset while reading friends of u2");
            s.answerWhenAsked(s.postsStep("bob"), s.failingFriendsStep("bob", reset));
            if (!s.fallbacks.awaitCall("bob", SOON)) {
                Settle<Profile> now = Settle.within(second, Duration.ZERO);
                if (!now.pending() && !now.failed() && CACHED_ADA.equals(now.value())) {
                    throw DID_NOT_CALL.report()
                            .saw("friendsOf(u2) failed, and loadOr(\"bob\", fallback) completed with " + now.value()
                                    + " without calling its fallback: that is what the fallback gave for ada, in an"
                                    + " earlier call. A fallback's result kept in a field answers every later call;"
                                    + " call this call's own Supplier.")
                            .timeline(s.timeline)
                            .failure();
                }
                if (!now.pending() && !now.failed()) {
                    throw LOST_FAILURE.report()
                            .saw("friendsOf(u2) failed with " + ManualFutures.describeError(reset) + ", yet the primary load of bob completed"
                                    + " normally with " + now.value() + ", so the fallback was never needed.\nThe"
                                    + " failure was turned into a value somewhere; let it fail the load.")
                            .timeline(s.timeline)
                            .failure();
                }
                // Does loadOr fall back on a failed lookup again, like ada's? If not, it kept something from ada's call.
                CompletableFuture<Profile> third = s.start("loadOr(\"cy\", fallback)",
                        () -> s.loader.loadOr("cy", s.fallbackFor("cy")));
                s.expectLookups(Map.of("cy", 1), "loadOr(\"cy\", fallback)", third);
                s.failUser("cy", new IOException("the user service is down again"));
                boolean again = s.fallbacks.awaitCall("cy", SOON);
                throw FALLBACK_IGNORED.report()
                        .saw("friendsOf(u2) failed with " + ManualFutures.describeError(reset) + ", and loadOr(\"bob\", fallback) never called"
                                + " the fallback; its future " + Social.state(second) + "." + (again
                                        ? "\nAny step of the primary load can fail, not only findUser."
                                        : "\nThen findUser(cy) failed, as findUser(ada) had in the first call, and"
                                                + " loadOr(\"cy\", fallback) did not call its fallback either: loadOr"
                                                + " kept something from the first call (a flag that it fell back"
                                                + " already?). Each call decides afresh, from its own failure."))
                        .timeline(s.timeline)
                        .failure();
            }
            IOException empty = new IOException("the cache has no profile of bob");
            s.onApiThread("fallback(bob) failed", () -> s.fallbacks.fail("bob", empty));
            Settle<Profile> failed = Settle.within(second, SOON);
            if (failed.pending() || !failed.failed() || failed.failure() != empty) {
                throw LOST_FAILURE.report()
                        .saw("The primary load of bob failed, then the fallback failed with " + ManualFutures.describeError(empty)
                                + ".\nloadOr's future " + Social.state(second) + "; it should fail with the"
                                + " fallback's own exception, the last word on the matter.")
                        .timeline(s.timeline)
                        .failure(failed.failure());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // failures

    @Test
    @Points(2)
    @DisplayName("load and loadAll fail with the failed step's own exception")
    void passesFailuresOn() {
        try (Social s = new Social()) {
            IOException unknown = new IOException("no user with the handle ada");
            CompletableFuture<Profile> lookup = s.load("ada", 1);
            s.failUser("ada", unknown);
            s.expectFailure(lookup, unknown, "load(\"ada\")", "findUser(ada)");
            s.checkInputs();

            IOException timeout = new IOException("timed out reading the posts of u2");
            CompletableFuture<Profile> page = s.load("bob", 1);
            s.answerUser("bob");
            s.answerWhenAsked(s.failingPostsStep("bob", timeout), s.friendsStep("bob"));
            s.expectFailure(page, timeout, "load(\"bob\")", "postsOf(u2)");

            IOException gone = new IOException("the friends of u3 are unavailable");
            List<String> handles = List.of("ada", "bob", "cy");
            CompletableFuture<List<Profile>> all = s.start("loadAll(ada, bob, cy)", () -> s.loader.loadAll(handles));
            // ada and bob were looked up once already, above.
            s.expectLookups(Map.of("ada", 2, "bob", 2, "cy", 1), "loadAll(ada, bob, cy)", all);
            handles.forEach(s::answerUser);
            s.answerWhenAsked(s.postsStep("ada"), s.friendsStep("ada"), s.postsStep("bob"), s.friendsStep("bob"),
                    s.postsStep("cy"));
            s.expectStillPending(all, "loadAll(ada, bob, cy)", "friendsOf(u3)");
            s.answerWhenAsked(s.failingFriendsStep("cy", gone));
            s.expectFailure(all, gone, "loadAll(ada, bob, cy)", "friendsOf(u3)");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // blocking at run time

    @Test
    @Points(2)
    @DisplayName("load blocks no thread while its calls are pending: not the caller, not the service's thread, not a"
            + " pool thread")
    void blocksNoThread() {
        try (Social s = new Social()) {
            CompletableFuture<Profile> result = s.load("ada", 1);
            s.answerUser("ada");
            if (!s.posts.awaitCall("u1", SOON) && !s.friends.awaitCall("u1", Duration.ZERO)) {
                s.checkInputs();
                throw DID_NOT_CALL.report()
                        .saw("findUser(ada) was answered, and then neither postsOf(u1) nor friendsOf(u1) was called.")
                        .timeline(s.timeline)
                        .failure();
            }
            s.expectNoThreadHeld("While the posts and friends of ada were pending", "A step that waits blocks the"
                    + " thread running it until the answer comes. On a pool thread (thenApplyAsync, supplyAsync) that"
                    + " is no better than on the caller: the pool has a few threads for the whole program, and each"
                    + " one waiting is one fewer to run everybody else's steps.");
            s.answerWhenAsked(s.postsStep("ada"), s.friendsStep("ada"));
            s.expectProfile(result, "ada", "load(\"ada\")");
        }
    }

    @Override
    public void worksOnce() {
        try (AsyncService users = AsyncService.named("findUser").latency(TimeScale.millis(5));
             AsyncService posts = AsyncService.named("postsOf").latency(TimeScale.millis(5));
             AsyncService friends = AsyncService.named("friendsOf").latency(TimeScale.millis(5))) {
            SocialApi api = new SocialApi() {
                @Override
                public CompletableFuture<User> findUser(String handle) {
                    return users.call(handle, () -> USERS.get(handle));
                }

                @Override
                public CompletableFuture<List<String>> postsOf(String userId) {
                    return posts.call(userId, () -> POSTS.getOrDefault(handleOf(userId), List.of()));
                }

                @Override
                public CompletableFuture<List<String>> friendsOf(String userId) {
                    return friends.call(userId, () -> FRIENDS.getOrDefault(handleOf(userId), List.of()));
                }
            };
            Settle<List<Profile>> settled = Settle.within(new ProfileLoader(api).loadAll(List.of("ada", "bob")),
                    SPIN_BOUND);
            List<String> unknown = new ArrayList<>();
            for (AsyncService pages : List.of(posts, friends)) {
                pages.timeline().startOrder().stream()
                        .filter(label -> USERS.values().stream().noneMatch(u -> label.endsWith("(" + u.id() + ")")))
                        .forEach(unknown::add);
            }
            if (!unknown.isEmpty()) {
                throw STEP_BEFORE_INPUT.report()
                        .saw("Before its code is checked for blocking calls, loadAll(ada, bob) must work with a"
                                + " service that answers by itself; it called " + unknown + ", with ids findUser"
                                + " never gave.")
                        .timeline(posts.timeline())
                        .failure();
            }
            if (settled.pending() || settled.failed()) {
                throw NEVER_COMPLETED.report()
                        .saw("Before its code is checked for blocking calls, loadAll(ada, bob) must work with a"
                                + " service that answers every call after 5 ms; its future "
                                + (settled.pending() ? "was still pending " + SPIN_BOUND.toMillis() + " ms later."
                                        : "failed with " + settled.failure() + "."))
                        .failure(settled.failure());
            }
            expectProfiles(settled.value(), List.of("ada", "bob"), null, "loadAll(ada, bob)",
                    "The service answered each call after 5 ms.", "The two loads ran at the same time.");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // What the messages say about profiles

    private static String handleOf(String userId) {
        return USERS.entrySet().stream().filter(e -> e.getValue().id().equals(userId)).map(Map.Entry::getKey)
                .findFirst().orElse("?");
    }

    private static String owner(Profile p) {
        return USERS.entrySet().stream().filter(e -> e.getValue().equals(p.user())).map(Map.Entry::getKey)
                .findFirst().orElse("?");
    }

    private static List<String> owners(List<Profile> profiles) {
        return profiles.stream().map(ProfileLoaderTest::owner).toList();
    }

    /** Says whose parts a profile holds, if they belong to different users; null if they do not. */
    private static String describeMix(Profile p) {
        String user = p.user() == null ? null : owner(p);
        String posts = POSTS.entrySet().stream().filter(e -> e.getValue().equals(p.posts())).map(Map.Entry::getKey)
                .findFirst().orElse(null);
        String friends = FRIENDS.entrySet().stream().filter(e -> e.getValue().equals(p.friends()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        Set<String> owners = new HashSet<>();
        for (String o : new String[] {user, posts, friends}) {
            if (o != null && !o.equals("?")) {
                owners.add(o);
            }
        }
        if (owners.size() < 2) {
            return null;
        }
        return "One profile held the user of " + user + ", the posts of " + posts + " and the friends of " + friends
                + ":\n  " + p;
    }

    // ---------------------------------------------------------------------------------------------
    // The social service of one test: every call pending until the test answers it on the service's thread.

    private static final ExecutorService CLEANERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ex05-cleanup");
        t.setDaemon(true);
        return t;
    });

    /** One answer the test gives when the loader has asked for it; {@code fails} when the answer is a failure. */
    private record Step(String label, ManualService<?> service, String key, boolean fails, Runnable answer) {}

    private static final class Social implements AutoCloseable {
        final Timeline timeline = new Timeline();
        final ManualService<User> users = new ManualService<>("findUser", timeline);
        final ManualService<List<String>> posts = new ManualService<>("postsOf", timeline);
        final ManualService<List<String>> friends = new ManualService<>("friendsOf", timeline);
        final ManualService<Profile> fallbacks = new ManualService<>("fallback", timeline);
        final ThreadWatch watch = ThreadWatch.of(LESSON);
        /** Ids of the users findUser has answered so far: the only ids a loader can know. */
        final Set<String> knownIds = ConcurrentHashMap.newKeySet();
        /** Every thread that called the service: where a step blocking a pool thread would be found. */
        final Set<Thread> callers = ConcurrentHashMap.newKeySet();
        /** Calls for posts or friends made with an id the loader could not have known yet. */
        final List<String> early = new CopyOnWriteArrayList<>();
        private final AtomicReference<Thread> apiThread = new AtomicReference<>();
        private final ExecutorService api = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "social-api");
            t.setDaemon(true);
            apiThread.set(t);
            return t;
        });
        final ProfileLoader loader;

        Social() {
            this.loader = new ProfileLoader(new SocialApi() {
                @Override
                public CompletableFuture<User> findUser(String handle) {
                    callers.add(Thread.currentThread());
                    return users.call(handle);
                }

                @Override
                public CompletableFuture<List<String>> postsOf(String userId) {
                    callers.add(Thread.currentThread());
                    noteInput("postsOf", userId);
                    return posts.call(userId);
                }

                @Override
                public CompletableFuture<List<String>> friendsOf(String userId) {
                    callers.add(Thread.currentThread());
                    noteInput("friendsOf", userId);
                    return friends.call(userId);
                }
            });
        }

        private void noteInput(String method, String userId) {
            if (!knownIds.contains(userId)) {
                early.add(method + "(" + userId + ")" + (USERS.containsKey(userId)
                        ? ", with the handle \"" + userId + "\" where the user's id belongs,"
                        : ""));
            }
        }

        /** Fails with [step-before-input] if posts or friends were asked for with an id nobody had yet. */
        void checkInputs() {
            if (early.isEmpty()) {
                return;
            }
            throw STEP_BEFORE_INPUT.report()
                    .saw(early.get(0) + " was called before findUser had given that id (ids known then: "
                            + (knownIds.isEmpty() ? "none" : knownIds) + ").\nThe posts and friends need the user's"
                            + " id, like \"u1\", and the id exists only once findUser has answered. Start those"
                            + " steps inside the step that receives the user: findUser(handle).thenCompose(user ->"
                            + " ...).")
                    .timeline(timeline)
                    .failure();
        }

        // --- starting the loader's methods

        <T> CompletableFuture<T> start(String call, Callable<CompletableFuture<T>> action) {
            CompletableFuture<T> result = watch.promptly(BLOCKED_CALLER, call, SPIN_BOUND, action, timeline);
            if (result == null) {
                throw NEVER_COMPLETED.report().saw(call + " returned null instead of a future.").failure();
            }
            return result;
        }

        /** Calls load(handle) and checks it asked findUser(handle) for the {@code nth} time, and nothing else. */
        CompletableFuture<Profile> load(String handle, int nth) {
            String call = "load(\"" + handle + "\")";
            CompletableFuture<Profile> result = start(call, () -> loader.load(handle));
            expectLookups(Map.of(handle, nth), call, result);
            expectNotAnsweredYet(result, call);
            return result;
        }

        /**
         * Nothing of {@code call} has been answered yet, so its future cannot hold a value: one it already
         * holds was kept from an earlier call or made up.
         */
        void expectNotAnsweredYet(CompletableFuture<?> result, String call) {
            if (result.state() == java.util.concurrent.Future.State.SUCCESS) {
                throw DID_NOT_CALL.report()
                        .saw(call + " had already completed with " + result.resultNow() + ", before the test had"
                                + " answered any of its calls: that result came from an earlier call (or was made"
                                + " up), not from this one's answers.\nEvery load asks afresh and waits for its own"
                                + " answers; a result kept from an earlier call is stale.")
                        .timeline(timeline)
                        .failure();
            }
        }

        /**
         * No thread that called the service is held inside the loader's code (pool and virtual threads included):
         * the threads that called this test's service are the caller, the service's thread and any pool thread that
         * ran a step (other implementations may run in the same JVM: their threads are not ours). {@code why}
         * explains the mistake at {@code moment}.
         */
        void expectNoThreadHeld(String moment, String why) {
            Optional<ThreadWatch.Sighting> parked = watch.awaitAny(WATCH_WINDOW, callers);
            if (parked.isPresent()) {
                ThreadWatch.Sighting p = parked.get();
                throw JOIN_INSIDE_A_STEP.report()
                        .saw(moment + ", " + p.describe() + ".\n" + why)
                        .detail("Where it was waiting:\n" + p.excerpt())
                        .timeline(timeline)
                        .failure();
            }
        }

        long lookups(String handle) {
            return users.keys().stream().filter(handle::equals).count();
        }

        /**
         * For each handle, the {@code nth} findUser(handle) call must have been made (and no more): the
         * loads {@code call} started all look their users up at once.
         */
        void expectLookups(Map<String, Integer> nth, String call, CompletableFuture<?> result) {
            List<String> handles = nth.keySet().stream().sorted().toList();
            long deadline = System.nanoTime() + SOON.toNanos();
            List<String> missing;
            while (!(missing = handles.stream().filter(h -> lookups(h) < nth.get(h)).toList()).isEmpty()
                    && System.nanoTime() < deadline) {
                LockSupport.parkNanos(500_000);
            }
            checkInputs();
            for (String h : missing) {
                long pages = Math.max(posts.keys().stream().filter(id(h)::equals).count(),
                        friends.keys().stream().filter(id(h)::equals).count());
                if (pages > lookups(h)) {
                    throw DID_NOT_CALL.report()
                            .saw(call + " asked for the posts or friends of " + id(h) + " " + pages + " time(s), but"
                                    + " called findUser(" + h + ") only " + lookups(h) + " time(s): this load used a"
                                    + " user it had kept from an earlier call.\nEvery load asks afresh: the user may"
                                    + " have been renamed or deleted since. A result kept from an earlier call is"
                                    + " stale, and a map that keeps every result grows forever.")
                            .timeline(timeline)
                            .failure();
                }
            }
            if (!missing.isEmpty() && missing.size() < handles.size()) {
                List<String> looked = handles.stream().filter(h -> lookups(h) >= nth.get(h)).toList();
                throw ONE_USER_AT_A_TIME.report()
                        .saw(call + " looked up " + looked + " but not " + missing + ": those waited for the first"
                                + " profile to be loaded.\nStart every load first (each returns a future at once),"
                                + " then combine them.")
                        .timeline(timeline)
                        .failure();
            }
            if (!missing.isEmpty()) {
                String handle = missing.get(0);
                int n = nth.get(handle);
                throw DID_NOT_CALL.report()
                        .saw(call + " returned, its future " + state(result) + ", and findUser(" + handle + ") was "
                                + (n == 1 ? "never called." : "not called again: it had been called "
                                        + lookups(handle) + " time(s) for earlier loads.\nEvery load asks afresh:"
                                        + " the user may have been renamed, posted or made friends since. A result"
                                        + " kept from an earlier call is stale, and a map that keeps every result"
                                        + " grows forever."))
                        .timeline(timeline)
                        .failure();
            }
            for (String h : handles) {
                checkLookups(List.of(h), nth.get(h), call);
            }
        }

        void checkLookups(List<String> handles, int expected, String call) {
            for (String h : handles) {
                long made = lookups(h);
                if (made > expected) {
                    throw USER_FETCHED_TWICE.report()
                            .saw(call + " called findUser(" + h + ") " + made + " times where " + expected
                                    + " was enough.\nThe posts and the friends both need the user: chain both from"
                                    + " one lookup instead of giving each its own findUser.")
                            .timeline(timeline)
                            .failure();
                }
            }
        }

        Supplier<CompletableFuture<Profile>> fallbackFor(String handle) {
            return () -> fallbacks.call(handle);
        }

        // --- answering on the service's thread

        /**
         * {@code result} must still be pending while {@code step} (called, not yet answered) is: a loadAll whose list
         * is complete before one of its loads has finished read the others too soon.
         */
        void expectStillPending(CompletableFuture<?> result, String call, String step) {
            if (result.isDone()) {
                throw FINISHED_EARLY.report()
                        .saw(call + "'s future " + state(result) + " while " + step + " was still pending: it"
                                + " completed before every one of its loads had finished.\nanyOf completes with the"
                                + " first; a countdown that stops at 1, or starts one short, completes before the last."
                                + " Complete only once all are done: allOf, or a countdown that reaches 0.")
                        .timeline(timeline)
                        .failure();
            }
        }

        /** Answers every call pending now (findUser, postsOf, friendsOf), each as the service describes it. */
        void answerEverythingPending() {
            for (String h : users.pendingKeys()) {
                answerUser(h);
            }
            // An id the service never gave (handleOf: "?") is left pending, as a made-up id would be.
            posts.pendingKeys().stream().map(ProfileLoaderTest::handleOf).filter(USERS::containsKey)
                    .forEach(this::answerPosts);
            friends.pendingKeys().stream().map(ProfileLoaderTest::handleOf).filter(USERS::containsKey)
                    .forEach(this::answerFriends);
        }

        void answerUser(String handle) {
            knownIds.add(id(handle));
            onApiThread("findUser(" + handle + ") answered", () -> users.complete(handle, USERS.get(handle)));
            checkInputs();
        }

        void failUser(String handle, Throwable failure) {
            onApiThread("findUser(" + handle + ") failed", () -> users.fail(handle, failure));
        }

        void answerPosts(String handle) {
            onApiThread("postsOf(" + id(handle) + ") answered", () -> posts.complete(id(handle), POSTS.get(handle)));
        }

        void answerFriends(String handle) {
            onApiThread("friendsOf(" + id(handle) + ") answered",
                    () -> friends.complete(id(handle), FRIENDS.get(handle)));
        }

        Step postsStep(String handle) {
            return new Step("postsOf(" + id(handle) + ")", posts, id(handle), false, () -> answerPosts(handle));
        }

        Step friendsStep(String handle) {
            return new Step("friendsOf(" + id(handle) + ")", friends, id(handle), false, () -> answerFriends(handle));
        }

        Step failingPostsStep(String handle, Throwable failure) {
            String label = "postsOf(" + id(handle) + ")";
            return new Step(label, posts, id(handle), true,
                    () -> onApiThread(label + " failed", () -> posts.fail(id(handle), failure)));
        }

        Step failingFriendsStep(String handle, Throwable failure) {
            String label = "friendsOf(" + id(handle) + ")";
            return new Step(label, friends, id(handle), true,
                    () -> onApiThread(label + " failed", () -> friends.fail(id(handle), failure)));
        }

        /**
         * Answers each step once the loader has asked for it, preferring the order given; steps asked for
         * one after another (a sequential loader) are answered as they come. Once a step has failed, the
         * others are answered only if they were asked for anyway: a load that has failed need not go on.
         */
        void answerWhenAsked(Step... steps) {
            List<Step> left = new ArrayList<>(List.of(steps));
            long deadline = System.nanoTime() + SOON.toNanos();
            boolean failed = false;
            while (!left.isEmpty()) {
                checkInputs();
                Step ready = left.stream().filter(st -> st.service().pendingKeys().contains(st.key())).findFirst()
                        .orElse(null);
                if (ready != null) {
                    left.remove(ready);
                    ready.answer().run();
                    failed |= ready.fails();
                    deadline = System.nanoTime() + (failed ? GRACE : SOON).toNanos();
                    continue;
                }
                if (System.nanoTime() > deadline && failed) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw DID_NOT_CALL.report()
                            .saw("The test waited " + SOON.toMillis() + " ms for " + String.join(" and ",
                                    left.stream().map(Step::label).toList()) + ", which were never called.")
                            .timeline(timeline)
                            .failure();
                }
                LockSupport.parkNanos(500_000);
            }
            checkInputs();
        }

        /**
         * Runs {@code action} (completing a call) on the service's thread, which then runs the loader's
         * callbacks, and waits for it: a callback that parks the thread fails with [join-inside-a-step].
         */
        void onApiThread(String what, Runnable action) {
            Future<?> task = api.submit(action);
            while (apiThread.get() == null) {
                Thread.onSpinWait();
            }
            Optional<ThreadWatch.Sighting> stuck = watch.watch(apiThread.get(), task::isDone, SPIN_BOUND);
            if (stuck.isPresent()) {
                ThreadWatch.Sighting p = stuck.get();
                boolean running = !p.how().parked();
                throw JOIN_INSIDE_A_STEP.report()
                        .saw(what + " on the service's own thread ('social-api'), as a real client answers; that"
                                + " thread then runs your callbacks.\n" + (running
                                        ? "It was still busy in them " + p.millis() + " ms later (a loop waiting for"
                                                + " a future to be done?)."
                                        : "It stopped inside them: " + p.describe() + ".")
                                + "\nWhile it waits, it cannot deliver any other answer, including the one it is"
                                + " waiting for: in a real client that is a deadlock.")
                        .detail("Where it was:\n" + p.excerpt())
                        .timeline(timeline)
                        .failure();
            }
            try {
                task.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("the test could not complete " + what + ": " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        // --- results

        <T> T settleValue(CompletableFuture<T> result, String call) {
            Settle<T> settled = Settle.within(result, SOON);
            if (settled.pending() || settled.failed()) {
                throw NEVER_COMPLETED.report()
                        .saw("Every call " + call + " made had been answered, yet its future " + state(result)
                                + (settled.pending() ? " " + SOON.toMillis() + " ms later." : "."))
                        .timeline(timeline)
                        .failure(settled.failure());
            }
            return settled.value();
        }

        void expectProfile(CompletableFuture<Profile> result, String handle, String call) {
            Profile got = settleValue(result, call);
            Profile want = expected(handle);
            if (!want.equals(got)) {
                String mix = got == null ? null : describeMix(got);
                throw WRONG_PROFILE.report()
                        .saw(call + " completed with a profile that is not what the service gave for " + handle + "."
                                + (mix == null ? "" : "\n" + mix)
                                + "\nthenCombine passes the values in the order of the code: a.thenCombine(b, (fromA,"
                                + " fromB) -> ...), whichever arrived first.")
                        .expected(want)
                        .actual(got)
                        .failure();
            }
        }

        void expectFailure(CompletableFuture<?> result, Throwable failure, String call, String step) {
            Settle<?> settled = Settle.within(result, SOON);
            if (settled.failed() && settled.failure() == failure) {
                return;
            }
            String happened;
            if (settled.pending()) {
                happened = "was still pending " + SOON.toMillis() + " ms later: the caller waits forever.";
            } else if (!settled.failed()) {
                happened = "completed normally with " + settled.value() + ": the failure was turned into a value.";
            } else {
                happened = "failed with " + ManualFutures.describeError(settled.failure()) + " instead"
                        + (isCause(settled.failure(), failure) ? " (wrapping it: let the step's own exception through)."
                                : ".");
            }
            throw LOST_FAILURE.report()
                    .saw(step + " failed with " + ManualFutures.describeError(failure) + ", and " + call + "'s future "
                            + happened)
                    .timeline(timeline)
                    .failure(settled.failure());
        }

        private static boolean isCause(Throwable outer, Throwable inner) {
            for (Throwable t = outer; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t == inner) {
                    return true;
                }
            }
            return false;
        }

        static String state(CompletableFuture<?> f) {
            return switch (f.state()) {
                case RUNNING -> "was still pending";
                case SUCCESS -> "had completed with " + f.resultNow();
                case FAILED -> "had failed with " + ManualFutures.describeError(f.exceptionNow());
                case CANCELLED -> "was cancelled";
            };
        }

        /**
         * Answers every call still pending, in the background and each on a thread of its own (a loader that
         * blocks in a callback then gets unstuck), so that no thread of a wrong loader outlives the test.
         */
        @Override
        public void close() {
            Thread janitor = new Thread(() -> {
                long end = System.nanoTime() + TimeScale.millis(3_000).toNanos();
                int quiet = 0;
                while (System.nanoTime() < end && quiet < 50) {
                    boolean any = release(users, h -> USERS.getOrDefault(h, new User("u0", h)))
                            | release(posts, userId -> List.of())
                            | release(friends, userId -> List.of())
                            | release(fallbacks, h -> CACHED_ADA);
                    quiet = any ? 0 : quiet + 1;
                    LockSupport.parkNanos(2_000_000);
                }
                api.shutdown();
            }, "ex05-janitor");
            janitor.setDaemon(true);
            janitor.start();
        }

        private static <T> boolean release(ManualService<T> service, Function<String, T> answer) {
            List<String> open = service.pendingKeys();
            for (String key : open) {
                CLEANERS.execute(() -> {
                    try {
                        service.complete(key, answer.apply(key));
                    } catch (IllegalStateException alreadyDone) {
                        // completed by an earlier sweep meanwhile
                    }
                });
            }
            return !open.isEmpty();
        }
    }
}
