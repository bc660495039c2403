package asynckit.ex07;


import asynckit.testkit.AbortableCalls;
import asynckit.testkit.Exercise;
import asynckit.testkit.LearnerCode;
import asynckit.testkit.Lesson;
import asynckit.testkit.ManualFutures;
import asynckit.testkit.Mistake;
import asynckit.testkit.NoBlockingCalls;
import asynckit.testkit.Points;
import asynckit.testkit.Reachability;
import asynckit.testkit.Returns;
import asynckit.testkit.Settle;
import asynckit.testkit.TimeScale;
import asynckit.testkit.VirtualTime;
import asynckit.testkit.Waits;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every shop call here is answered (or failed) by hand and stays in flight until then, unless the code
 * aborts it: so the tests see exactly which calls the code gave up on and which it left running.
 * checkout runs on a virtual clock (VirtualTime): "the deadline falls at exactly 300 ms" is checked in no
 * real time. price accepts either timer, the JDK's own (orTimeout, completeOnTimeout: short, scaled
 * real time) or the scheduler's (the test moves the virtual clock too).
 */
@Exercise("07-timeouts-and-cancellation")
@DisplayName("07 Timeouts and cancellation: Storefront.price and Storefront.checkout")
class StorefrontTest implements NoBlockingCalls {
    static final Lesson LESSON = Lesson.of(StorefrontTest.class);
    static final Mistake DID_NOT_CALL = LESSON.mistake("did-not-call");
    static final Mistake NO_TIMEOUT = LESSON.mistake("no-timeout");
    static final Mistake NOT_ON_SCHEDULER = LESSON.mistake("timer-not-on-scheduler");
    static final Mistake TIMEOUT_NOT_REPORTED = LESSON.mistake("timeout-not-reported");
    static final Mistake FALLBACK_NOT_USED = LESSON.mistake("fallback-not-used");
    static final Mistake FALLBACK_IN_TIME = LESSON.mistake("fallback-in-time");
    static final Mistake LEFT_RUNNING = LESSON.mistake("left-running");
    static final Mistake PER_STEP = LESSON.mistake("timeout-per-step");
    static final Mistake STARTED_LATE = LESSON.mistake("deadline-started-late");
    static final Mistake SHARE_STATE = LESSON.mistake("checkouts-share-state");
    static final Mistake PRICES_SHARE_STATE = LESSON.mistake("prices-share-state");
    static final Mistake CHANGED_PRICES = LESSON.mistake("changed-the-prices");
    static final Mistake TOO_EARLY = LESSON.mistake("gave-up-too-early");
    static final Mistake TIMER_LEFT = LESSON.mistake("timer-left-behind");
    static final Mistake LOST_FAILURE = LESSON.mistake("lost-failure");
    static final Mistake WRONG_RESULT = LESSON.mistake("wrong-result");
    static final Mistake BLOCKED_CALLER = LESSON.mistake("blocked-the-caller");
    static final Mistake BLOCKED_POOL = LESSON.mistake("blocked-a-pool-thread");

    /** How long a method that returns a future may take to return (right code: microseconds). */
    private static final Duration PROMPT = Returns.BOUND;
    /** How long something that should happen at once may take to show. */
    private static final Duration SOON = TimeScale.millis(500);
    /** How long an abort that should come with the fallback may lag behind it (another thread's callback). */
    private static final Duration ABORT_LAG = TimeScale.millis(2_000);
    /** price's short real-time timeout, and how long the test waits for it to fire. */
    private static final Duration SHORT = TimeScale.millis(50);
    private static final Duration SHORT_BOUND = TimeScale.millis(2_000);
    /** How much of price's 900 ms timeout passes (real time) before the shop answers. */
    private static final Duration PART_OF_THE_TIMEOUT = TimeScale.millis(300);
    /** A timeout so long that no right code reaches it during a test. */
    private static final Duration LONG = Duration.ofSeconds(10);
    /** A bound for waiting on right code under heavy load (it completes at once). */
    private static final Duration BOUND = TimeScale.millis(5_000);

    private static final String CACHED = "4.00 EUR (last known)";
    private static final String FRESH = "4.20 EUR";

    // ---------------------------------------------------------------------------------------------
    // price

    @Test
    @Points(4)
    @DisplayName("price: when the shop does not answer in time, aborts the call and answers with the last known price")
    void priceFallsBackAndAborts() {
        try (World w = World.forPrice(CACHED)) {
            CompletableFuture<String> result = w.price("apple", SHORT);
            w.requireCall("price(apple)", "price(\"apple\", " + SHORT.toMillis() + " ms)");
            // A second price at the same time, with all the time in the world: apple's timeout is none of its business.
            CompletableFuture<String> other = w.price("plum", LONG);
            w.requireCall("price(plum)", "price(\"plum\", 10 s)");

            w.time.advance(SHORT);   // a timer on the scheduler fires now; the JDK's own fires in real time
            Settle<String> settled = Settle.within(result, SHORT_BOUND);
            w.requireNoWaits("price(\"apple\", " + SHORT.toMillis() + " ms)");
            if (settled.pending()) {
                throw NO_TIMEOUT.report()
                        .saw("The shop never answered price(apple). " + SHORT_BOUND.toMillis() + " ms after"
                                + " price(\"apple\", " + SHORT.toMillis() + " ms) was called, its result was still"
                                + " pending: a caller waiting for it would wait forever.")
                        .detail(w.calls.render())
                        .failure();
            }
            if (settled.failed() || !CACHED.equals(settled.value())) {
                throw FALLBACK_NOT_USED.report()
                        .saw("The shop never answered price(apple) and the last known price was " + quote(CACHED)
                                + ", but price's result " + describe(settled) + ".")
                        .expected(CACHED)
                        .actual(settled.failed() ? settled.failure().toString() : settled.value())
                        .failure();
            }
            w.requireUntouched("price(plum)", "price(apple)");
            w.requireAborted("price(apple)", "price gave up on it and answered with the last known price");
            w.calls.answer("price(plum)", FRESH);
            Settle<String> plum = Settle.within(other, SOON);
            if (plum.pending() || plum.failed() || !FRESH.equals(plum.value())) {
                throw PRICES_SHARE_STATE.report()
                        .saw("price(\"plum\", 10 s) ran while price(\"apple\", " + SHORT.toMillis() + " ms) timed out;"
                                + " then the shop answered price(plum) with " + quote(FRESH) + " in time, and plum's"
                                + " result " + describe(plum) + ".\nEach price call has its own call, timer and result:"
                                + " keep them in local variables of that call, never in the Storefront's fields.")
                        .detail(w.calls.render())
                        .failure();
            }
        }
    }

    @Test
    @Points(2)
    @DisplayName("price: uses the shop's answer when it comes in time, and leaves no timer behind")
    void priceUsesTheAnswerThatCameInTime() {
        try (World w = World.forPrice(CACHED)) {
            CompletableFuture<String> result = w.price("apple", LONG);
            String call = "price(\"apple\", 10 s)";
            if (!w.started("price(apple)")) {
                throw DID_NOT_CALL.report()
                        .saw(call + " never asked the shop (shop.price(\"apple\") was not called); its result "
                                + describe(Settle.within(result, SOON)) + ".\nThe last known price is only for when the"
                                + " shop is too slow; the shop must always be asked first.")
                        .failure();
            }
            w.time.runDue();
            if (result.isDone()) {
                Settle<String> early = Settle.within(result, SOON);
                throw FALLBACK_IN_TIME.report()
                        .saw(call + " had completed before the shop could answer: its result " + describe(early)
                                + ", while the shop still had 10 s to answer."
                                + (CACHED.equals(early.value()) ? "\nThe last known price is old: use it only when"
                                        + " the time is up." : ""))
                        .detail(w.calls.render())
                        .failure();
            }
            if (!w.calls.answer("price(apple)", FRESH)) {
                throw TOO_EARLY.report()
                        .saw("price(apple) had been aborted before the shop answered, with 10 s of its timeout left.")
                        .detail(w.calls.render())
                        .failure();
            }
            w.time.runDue();
            Settle<String> settled = Settle.within(result, SOON);
            if (settled.pending() || settled.failed() || !FRESH.equals(settled.value())) {
                throw FALLBACK_IN_TIME.report()
                        .saw("The shop answered " + quote(FRESH) + " at once, well within the 10 s timeout, but"
                                + " price's result " + describe(settled) + ".")
                        .expected(FRESH)
                        .actual(settled.pending() ? "(still pending)" : settled.failed() ? settled.failure().toString()
                                : settled.value())
                        .detail(w.calls.render())
                        .failure();
            }
            w.requireNoWaits("price(\"apple\", 10 s)");
            w.requireNoTimerLeft("price(\"apple\", 10 s) had its answer");
            requireTheWholeTimeout(w);
            w.requireNoHiddenTimer("Every price call had its answer");
        }
    }

    /**
     * price("plum", 900 ms): the shop answers after 300 ms of real time and 899 ms on the scheduler's clock. No
     * right timer (the JDK's, on real time; the scheduler's, on its clock) can have fired by then, so a result
     * that was already done, or a call already aborted, gave up early: a timeout cut short (toSeconds()), read in
     * another unit, or not the one given. Judged by the real time at which the result completed (a callback records
     * it), so a test that looks late on a busy machine still knows; when the result was not done before the answer,
     * only while less than 900 ms of real time has passed.
     */
    private static void requireTheWholeTimeout(World w) {
        Duration timeout = TimeScale.millis(900);
        String call = "price(\"plum\", " + timeout.toMillis() + " ms)";
        w.cache.put("plum", CACHED);
        long calledAt = System.nanoTime();
        CompletableFuture<String> result = w.price("plum", timeout);
        RealTime doneAt = new RealTime(calledAt, result);
        w.requireCall("price(plum)", call);
        pause(PART_OF_THE_TIMEOUT);
        w.time.advance(timeout.minusMillis(1));
        boolean doneBefore = result.isDone();
        boolean answered = w.calls.answer("price(plum)", FRESH);
        w.time.runDue();
        Settle<String> settled = Settle.within(result, SOON);
        long realMillis = (System.nanoTime() - calledAt) / 1_000_000;
        // Done before the shop answered, at a moment when less real time than the timeout had passed, or with a timer
        // shorter than the timeout on the scheduler: no right timer can have fired by then, however late this test
        // looks now.
        long doneMillis = doneAt.millisToDone();
        boolean completedInTime = doneMillis >= 0 && doneMillis < timeout.toMillis();
        List<String> shortTimers = w.time.history().stream()
                .filter(t -> t.delayMillis() > 0 && t.delayMillis() < timeout.toMillis())
                .map(t -> t.delayMillis() + " ms").toList();
        boolean shortTimer = !shortTimers.isEmpty();
        boolean provenEarly = doneBefore && (completedInTime || shortTimer);
        if (completedInTime && provenEarly) {
            realMillis = Math.min(realMillis, doneMillis + 1);
        } else if (!provenEarly && realMillis >= timeout.toMillis()) {
            return;   // a machine so slow that the timeout really passed: nothing can be told apart
        }
        if (doneBefore || !answered) {
            throw TOO_EARLY.report()
                    .saw(call + " gave up before its timeout: less than " + realMillis + " ms of real time and "
                            + (timeout.toMillis() - 1) + " ms on the scheduler's clock had passed, and "
                            + (doneBefore ? "its result " + describe(settled) : "price(plum) had been aborted")
                            + " before the shop answered." + (shortTimer ? " Your code set a timer of " + shortTimers
                            + " on the scheduler: shorter than the timeout." : "")
                            + "\nThe timeout is the Duration price was given, all of it:"
                            + " orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS). timeout.toSeconds() turns "
                            + timeout.toMillis() + " ms into " + timeout.toSeconds() + " s, and milliseconds handed to"
                            + " a timer that counts microseconds give up a thousand times too soon.")
                    .detail(w.calls.render())
                    .failure();
        }
        if (settled.pending() || settled.failed() || !FRESH.equals(settled.value())) {
            throw FALLBACK_IN_TIME.report()
                    .saw("The shop answered " + quote(FRESH) + " within " + call + "'s timeout (after less than "
                            + realMillis + " ms), but price's result " + describe(settled) + ".")
                    .expected(FRESH)
                    .actual(settled.pending() ? "(still pending)" : settled.failed() ? settled.failure().toString()
                            : settled.value())
                    .detail(w.calls.render())
                    .failure();
        }
        w.requireNoTimerLeft(call + " had its answer");
    }

    /** Lets {@code span} of real time pass (the test's own wait, not the code's). */
    private static void pause(Duration span) {
        long until = System.nanoTime() + span.toNanos();
        for (long left = span.toNanos(); left > 0; left = until - System.nanoTime()) {
            java.util.concurrent.locks.LockSupport.parkNanos(left);
        }
    }

    @Test
    @Points(2)
    @DisplayName("price: passes on the shop's own error when it comes in time, instead of the last known price")
    void pricePassesOnTheShopsError() {
        try (World w = World.forPrice(CACHED)) {
            CompletableFuture<String> result = w.price("apple", LONG);
            w.requireCall("price(apple)", "price(\"apple\", 10 s)");
            // The shop's own error in time, caused by a timeout further down (a 504): not price's timeout.
            IOException unknown = new IOException("HTTP 504: the warehouse did not answer",
                    new TimeoutException("warehouse: no answer within 5 s"));
            w.calls.fail("price(apple)", unknown);
            w.time.runDue();
            Settle<String> settled = Settle.within(result, SOON);
            if (!settled.pending() && !settled.failed() && CACHED.equals(settled.value())) {
                throw FALLBACK_IN_TIME.report()
                        .saw("The shop answered at once with an error (" + unknown + "), and price used the last"
                                + " known price " + quote(CACHED) + " instead.\nAn error that comes in time is an answer"
                                + " too: the last known price is for when the time is up, not for hiding errors. Its"
                                + " cause is a TimeoutException, but the shop's own, not price's: look at the error"
                                + " itself, and unwrap a CompletionException only, never any getCause().")
                        .failure();
            }
            if (settled.pending() || !settled.failed() || settled.failure() != unknown) {
                throw LOST_FAILURE.report()
                        .saw("The shop failed price(apple) with " + unknown + ", and price's result "
                                + describe(settled) + ".")
                        .expected(unknown.toString())
                        .actual(settled.pending() ? "(still pending)" : settled.failed() ? settled.failure().toString()
                                : settled.value())
                        .failure();
            }
            w.requireNoTimerLeft("price(\"apple\", 10 s) had failed");
        }
    }

    @Test
    @Points(2)
    @DisplayName("price: fails with a TimeoutException when the time is up and no price is known")
    void priceTimesOutWithNothingCached() {
        try (World w = World.forPrice(null)) {
            CompletableFuture<String> result = w.price("pear", SHORT);
            w.requireCall("price(pear)", "price(\"pear\", " + SHORT.toMillis() + " ms)");
            w.time.advance(SHORT);
            Settle<String> settled = Settle.within(result, SHORT_BOUND);
            if (settled.pending()) {
                throw NO_TIMEOUT.report()
                        .saw("The shop never answered price(pear). " + SHORT_BOUND.toMillis() + " ms after"
                                + " price(\"pear\", " + SHORT.toMillis() + " ms) was called, its result was still"
                                + " pending.")
                        .detail(w.calls.render())
                        .failure();
            }
            if (!settled.failed() || !isTimeout(settled.failure())) {
                throw TIMEOUT_NOT_REPORTED.report()
                        .saw("The shop never answered price(pear), and no price of pear was known, so price(\"pear\")"
                                + " should fail with a TimeoutException. Its result " + describe(settled) + "."
                                + (!settled.failed() && settled.value() == null
                                        ? "\nA null price is a bug waiting for its caller: say what happened instead."
                                        : ""))
                        .failure();
            }
            w.requireAborted("price(pear)", "price gave up on it");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // checkout (virtual time)

    @Test
    @Points(2)
    @DisplayName("checkout: reserves, charges the reservation, confirms the payment; ends with the order number"
            + " and leaves no timer behind")
    void checkoutRunsTheSteps() {
        try (World w = World.forCheckout()) {
            Checkout c = w.checkout("apple", Duration.ofSeconds(2));
            c.step(100, "reserve(apple)", "r-1");
            c.step(200, "charge(r-1)", "p-1");
            c.step(300, "confirm(p-1)", "order-7");
            Settle<String> settled = Settle.within(c.result, SOON);
            if (settled.pending() || settled.failed() || !"order-7".equals(settled.value())) {
                throw WRONG_RESULT.report()
                        .saw("Every step answered in time (reserve: r-1, charge: p-1, confirm: order-7), but"
                                + " checkout's result " + describe(settled) + ".")
                        .expected("order-7")
                        .actual(settled.pending() ? "(still pending)" : settled.failed() ? settled.failure().toString()
                                : settled.value())
                        .detail(c.render())
                        .failure();
            }
            w.requireNoTimerLeft("checkout(\"apple\", 2000 ms) had finished at 300 ms");
        }
    }

    @Test
    @Points(4)
    @DisplayName("checkout: one deadline for the whole sequence; at exactly 300 ms the step in flight is aborted"
            + " and the result fails with a TimeoutException")
    void checkoutHasOneDeadline() {
        try (World w = World.forCheckout()) {
            Checkout c = w.checkout("apple", Duration.ofMillis(300));
            c.step(100, "reserve(apple)", "r-1");
            c.step(250, "charge(r-1)", "p-1");
            c.requireStarted("confirm(p-1)", "charge answered p-1");
            // Another checkout starts meanwhile, with a budget of its own: it must not feel apple's deadline.
            c.advanceTo(260);
            Checkout other = c.alongside("pear", Duration.ofSeconds(2));
            other.requireStarted("reserve(pear)", "checkout(\"pear\", 2000 ms) was called");
            c.advanceTo(299);
            c.stillRunning("at 299 ms, 1 ms before the deadline");
            c.advanceTo(300);
            c.requireTimedOut("the 300 ms budget was used up: reserve took 100 ms, charge 150 ms, and confirm was"
                    + " still in flight", true);
            c.requireUntouched(other, "reserve(pear)");
            c.requireAbortedAtDeadline("confirm(p-1)");
        }
    }

    @Test
    @Points(2)
    @DisplayName("checkout: aborts a step that was starting just as the deadline passed")
    void checkoutAbortsAStepStartedAtTheDeadline() {
        try (World w = World.forCheckout()) {
            Checkout c = w.checkout("apple", Duration.ofMillis(300));
            // The deadline falls while checkout is inside shop.charge(...), before it has the new call in hand.
            // (charge may be started on another thread, e.g. from thenComposeAsync: the test waits for the hook.)
            java.util.concurrent.CountDownLatch fell = new java.util.concurrent.CountDownLatch(1);
            w.calls.whenStarted("charge(r-1)", () -> {
                w.time.advance(Duration.ofMillis(300).minus(w.time.now()));
                fell.countDown();
            });
            c.step(200, "reserve(apple)", "r-1");
            c.requireStarted("charge(r-1)", "reserve answered r-1 at 200 ms");
            w.awaitQuietly(fell);
            c.requireTimedOut("the deadline passed while checkout was starting charge(r-1)", false);
            w.awaitEnded("charge(r-1)");
            if (w.calls.stateOf("charge(r-1)") == AbortableCalls.State.IN_FLIGHT) {
                throw LEFT_RUNNING.report()
                        .saw("The deadline fell while checkout was inside shop.charge(\"r-1\"): the deadline's timer"
                                + " ran before shop.charge had returned the new call, so it could not abort it.\n"
                                + "checkout then got the call and kept it running: a payment is being taken for an"
                                + " order that has already failed.\nAfter starting a step, check whether the deadline"
                                + " has passed meanwhile, and abort the step if it has.")
                        .detail(c.render())
                        .failure();
            }
            c.requireNothingStartedAfter("charge(r-1)");
        }
    }

    @Test
    @Points(2)
    @DisplayName("checkout: fails with the step's own error, starts no later step, and cancels its deadline timer")
    void checkoutPassesOnAStepsError() {
        try (World w = World.forCheckout()) {
            Checkout c = w.checkout("apple", Duration.ofSeconds(2));
            c.step(50, "reserve(apple)", "r-1");
            c.requireStarted("charge(r-1)", "reserve answered r-1");
            c.advanceTo(100);
            IOException declined = new IOException("card declined");
            w.calls.fail("charge(r-1)", declined);
            w.time.runDue();
            Settle<String> settled = Settle.within(c.result, SOON);
            if (settled.pending() || !settled.failed() || settled.failure() != declined) {
                throw LOST_FAILURE.report()
                        .saw("charge(r-1) failed with " + declined + " at 100 ms, and checkout's result "
                                + describe(settled) + (settled.pending() ? " (its deadline is at 2000 ms)" : "") + ".")
                        .expected(declined.toString())
                        .actual(settled.pending() ? "(still pending)" : settled.failed() ? settled.failure().toString()
                                : settled.value())
                        .detail(c.render())
                        .failure();
            }
            if (w.calls.started().size() > 2) {
                throw LOST_FAILURE.report()
                        .saw("charge(r-1) failed, yet checkout went on and started " + w.calls.started().get(2) + ".")
                        .detail(c.render())
                        .failure();
            }
            w.requireNoTimerLeft("checkout(\"apple\", 2000 ms) had failed at 100 ms");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // returning at once

    @Test
    @Points(2)
    @DisplayName("returns a future at once and keeps no thread waiting while the shop is slow")
    void returnsAtOnceAndParksNoThread() {
        try (World w = World.forPrice(CACHED)) {
            CompletableFuture<String> price = w.price("apple", LONG);
            CompletableFuture<String> order = w.checkout("apple", Duration.ofSeconds(60)).result;
            if (price.isDone()) {
                Settle<String> early = Settle.within(price, Duration.ZERO.plusMillis(1));
                if (!w.calls.started().contains("price(apple)")) {
                    throw DID_NOT_CALL.report()
                            .saw("price(\"apple\", 10 s) never asked the shop; its result " + describe(early) + ".")
                            .failure();
                }
                if (!early.failed() && CACHED.equals(early.value())) {
                    throw FALLBACK_IN_TIME.report()
                            .saw("price(\"apple\", 10 s) completed with the last known price at once, while the shop"
                                    + " still had 10 s to answer.")
                            .detail(w.calls.render())
                            .failure();
                }
            }
            if (order.isDone() || price.isDone()) {
                throw WRONG_RESULT.report()
                        .saw("The shop had not answered anything yet, but " + (order.isDone()
                                ? "checkout's result " + describe(Settle.within(order, Duration.ZERO.plusMillis(1)))
                                : "price's result (timeout 10 s) " + describe(Settle.within(price, Duration.ZERO.plusMillis(1))))
                                + ".")
                        .detail(w.calls.render())
                        .failure();
            }
            // Whoever waits for the shop's future (now, or once it has answered) is recorded as it calls get or join.
            w.calls.answer("price(apple)", FRESH);
            Settle<String> settled = Settle.within(price, BOUND);
            w.requireNoWaits("price(\"apple\", 10 s)");
            if (settled.pending() || settled.failed() || !FRESH.equals(settled.value())) {
                throw FALLBACK_IN_TIME.report()
                        .saw("The shop answered " + quote(FRESH) + " within price's 10 s timeout, but price's result "
                                + describe(settled) + ".")
                        .failure();
            }
        }
    }

    /** Every call is answered as it starts, so even code that waits gets through to the static check. */
    @Override
    public void worksOnce() {
        try (World w = World.forCheckout()) {
            w.cache.put("apple", CACHED);
            w.answerOnStart("price(apple)", FRESH);
            w.answerOnStart("reserve(apple)", "r-1");
            w.answerOnStart("charge(r-1)", "p-1");
            w.answerOnStart("confirm(p-1)", "order-7");
            CompletableFuture<String> price = w.store.price("apple", LONG);
            w.time.runDue();
            Settle<String> priced = Settle.within(price, BOUND);
            if (!w.calls.started().contains("price(apple)")) {
                priced.value();
                throw DID_NOT_CALL.report()
                        .saw("price(\"apple\", 10 s) never asked the shop; its result " + describe(priced) + ". (The code"
                                + " must work before it is checked for blocking calls.)")
                        .failure();
            }
            if (priced.pending() || priced.failed() || !FRESH.equals(priced.value())) {
                priced.value();   // the stub's "not written yet" reaches the learner as it is
                throw FALLBACK_IN_TIME.report()
                        .saw("The shop answered " + quote(FRESH) + " at once, but price(\"apple\", 10 s) "
                                + describe(priced) + ". (The code must work before it is checked for blocking calls.)")
                        .failure();
            }
            CompletableFuture<String> order = w.store.checkout("apple", Duration.ofSeconds(2));
            w.time.runDue();
            Settle<String> ordered = Settle.within(order, BOUND);
            if (ordered.pending() || ordered.failed() || !"order-7".equals(ordered.value())) {
                if (ordered.failed()) {
                    ordered.value();
                }
                throw WRONG_RESULT.report()
                        .saw("Every step answered at once (r-1, p-1, order-7), but checkout(\"apple\", 2000 ms) "
                                + describe(ordered) + ". (The code must work before it is checked for blocking calls.)")
                        .detail(w.calls.render())
                        .failure();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The test's doubles and shared steps.

    /** A Storefront wired to a shop whose calls the test answers by hand, and a virtual scheduler. */
    private static final class World implements AutoCloseable {
        final VirtualTime time = new VirtualTime();
        final AbortableCalls<String> calls;
        final Map<String, String> cache = new ConcurrentHashMap<>();
        /** What the Storefront is handed: the cache, read-through, with every change recorded. */
        private final WatchedPrices prices = new WatchedPrices(cache);
        final Storefront store;
        /**
         * The price calls handed to the code since the last timer check, each a Call only the code holds: a timer
         * it left pending (the JDK's, or an executor's of its own, which the virtual clock cannot see) keeps it.
         */
        private volatile Reachability priceCalls = new Reachability();

        private World(boolean virtualClock) {
            this.calls = virtualClock ? AbortableCalls.onClock(time) : AbortableCalls.realTime();
            calls.watchWaitsFrom(LearnerCode.of(LESSON));
            Shop shop = new Shop() {
                @Override
                public Call<String> price(String item) {
                    return priceCalls.track(adapt(calls.start("price(" + item + ")")), "price(" + item + ")");
                }

                @Override
                public Call<String> reserve(String item) {
                    return adapt(calls.start("reserve(" + item + ")"));
                }

                @Override
                public Call<String> charge(String reservation) {
                    return adapt(calls.start("charge(" + reservation + ")"));
                }

                @Override
                public Call<String> confirm(String payment) {
                    return adapt(calls.start("confirm(" + payment + ")"));
                }
            };
            this.store = new Storefront(shop, prices, time.scheduler());
        }

        /** price's calls are drawn in real time (its timer may be the JDK's own). */
        static World forPrice(String cached) {
            World w = new World(false);
            if (cached != null) {
                w.cache.put("apple", cached);
            }
            return w;
        }

        /** checkout's calls are drawn on the virtual clock. */
        static World forCheckout() {
            return new World(true);
        }

        private static Call<String> adapt(AbortableCalls<String>.Call call) {
            return new Call<>() {
                @Override
                public CompletableFuture<String> result() {
                    return call.result();
                }

                @Override
                public void abort() {
                    call.abort();
                }
            };
        }

        CompletableFuture<String> price(String item, Duration timeout) {
            String call = "price(\"" + item + "\", " + timeout.toMillis() + " ms)";
            return notNull(call, returnsPromptly(call, () -> store.price(item, timeout)));
        }

        Checkout checkout(String item, Duration budget) {
            String call = "checkout(\"" + item + "\", " + budget.toMillis() + " ms)";
            long calledAt = System.nanoTime();
            return new Checkout(this, call, budget, calledAt,
                    notNull(call, returnsPromptly(call, () -> store.checkout(item, budget))));
        }

        private static CompletableFuture<String> notNull(String call, CompletableFuture<String> result) {
            if (result == null) {
                throw WRONG_RESULT.report()
                        .saw(call + " returned null instead of a CompletableFuture: its caller has nothing to wait on.")
                        .failure();
            }
            return result;
        }

        private <T> T returnsPromptly(String call, Callable<T> action) {
            return Returns.promptly(BLOCKED_CALLER, call, PROMPT, action, null);
        }

        void answerOnStart(String label, String answer) {
            calls.whenStarted(label, () -> calls.answer(label, answer));
        }

        /** Whether a call with this label has started, waiting up to SOON for one started on another thread. */
        boolean started(String label) {
            try {
                return calls.awaitStarted(label, SOON);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return calls.started().contains(label);
            }
        }

        void requireCall(String label, String call) {
            if (!started(label)) {
                throw DID_NOT_CALL.report()
                        .saw(call + " returned without asking the shop: " + label + " was never called.")
                        .detail(calls.render())
                        .failure();
            }
        }

        /** Waits (up to ABORT_LAG) for every call with this label to end: an abort may come from another thread. */
        void awaitEnded(String label) {
            try {
                calls.awaitEnded(label, ABORT_LAG);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
            try {
                latch.await(BOUND.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The call must end as aborted soon after the code gave up on it. */
        void requireAborted(String label, String why) {
            awaitEnded(label);
            if (calls.stateOf(label) == AbortableCalls.State.IN_FLIGHT) {
                boolean futureDone = calls.inFlightButFutureDone().contains(label);
                throw LEFT_RUNNING.report()
                        .saw(why + ", but " + label + " was still running at the shop, holding what it holds there."
                                + (futureDone ? "\nIts future had been completed or cancelled, but that changes only"
                                        + " the future: cancel(), orTimeout and completeOnTimeout never stop the"
                                        + " request behind it. Call.abort() does." : "\nCall.abort() stops it."))
                        .detail(calls.render())
                        .failure();
            }
        }

        /** No thread may have called get or join on a future of the shop's calls from the learner's code. */
        void requireNoWaits(String call) {
            List<Waits.Wait> waits = calls.waits();
            if (waits.isEmpty()) {
                return;
            }
            Waits.Wait first = waits.get(0);
            boolean caller = first.thread().equals("caller");
            throw (caller ? BLOCKED_CALLER : BLOCKED_POOL).report()
                    .saw(caller
                            ? call + " itself waited for the shop's answer with " + first.method() + ", on the"
                                    + " caller's thread, instead of handing back a future at once."
                            : call + " returned a future, but behind it a thread waited for the shop's answer with "
                                    + first.method() + ".\nA thread parked in get(timeout) or join is a blocked thread,"
                                    + " whichever pool it belongs to: a thousand slow prices hold a thousand threads."
                                    + " A timer and a callback do the same job with no thread at all.")
                    .detail(first.describe())
                    .failure();
        }

        void requireNoTimerLeft(String situation) {
            time.runDue();
            List<Duration> left = time.pending();
            if (!left.isEmpty()) {
                throw TIMER_LEFT.report()
                        .saw(situation + ", yet " + left.size() + " timer" + (left.size() == 1 ? " was" : "s were")
                                + " still scheduled on the scheduler, due in "
                                + left.stream().map(d -> d.toMillis() + " ms").toList() + ".\nA server that handles"
                                + " thousands of requests a second would keep thousands of dead timers (and"
                                + " everything they refer to) alive for the whole timeout.")
                        .failure();
            }
        }

        /**
         * Timers the virtual clock cannot see (the JDK's own behind orTimeout, completeOnTimeout and
         * delayedExecutor, or an executor the code made) show by what they hold: once a price call has finished,
         * right code keeps nothing that refers to its Call (the test never keeps it either), so the collector
         * reclaims it. A pending timer whose task refers to the call keeps it until the timer fires. A full
         * collection stops every thread in the JVM, other tests' timing included: it is forced only when the
         * JVM's own collections have not reclaimed the calls within a moment and some timer thread is waiting
         * for a task that is due later.
         */
        void requireNoHiddenTimer(String situation) {
            Reachability handedOut = priceCalls;
            priceCalls = new Reachability();
            if (handedOut.tracked() == 0 || handedOut.reclaimedWithin(TimeScale.millis(300)) || !aTimerIsPending()) {
                return;
            }
            List<String> held = handedOut.stillReachable(TimeScale.millis(2_000));
            if (!held.isEmpty()) {
                throw TIMER_LEFT.report()
                        .saw(situation + ", yet the shop's Call for " + String.join(" and ", held) + (held.size() == 1
                                ? " was" : " were") + " still held after the garbage collector had run: something the"
                                + " code left behind still refers to " + (held.size() == 1 ? "it" : "them") + " (the"
                                + " test keeps none). Nothing is scheduled on the scheduler, and a timer is waiting"
                                + " elsewhere: most likely one the virtual clock cannot see, orTimeout or"
                                + " completeOnTimeout on a future that never completes (or is never cancelled), a task"
                                + " on CompletableFuture.delayedExecutor"
                                + " (which nothing can cancel), or a ScheduledExecutorService of your own (or a field of"
                                + " your Storefront that still holds the last call: keep a call in the method that"
                                + " made it).\nSuch a"
                                + " timer stays pending for the whole timeout and holds the call, the result and the"
                                + " fallback until it fires to find nothing left to do: a server pricing thousands of"
                                + " items a second would keep thousands of them alive.")
                        .failure();
            }
        }

        /**
         * Whether a timer thread (the JDK's, or any ScheduledThreadPoolExecutor's) waits for a task that is due
         * later. Looked at a few times: a timer thread that is running a task at one moment is waiting the next.
         */
        private static boolean aTimerIsPending() {
            for (int look = 0; look < 20; look++) {
                for (Map.Entry<Thread, StackTraceElement[]> t : Thread.getAllStackTraces().entrySet()) {
                    if (t.getKey().getState() == Thread.State.TIMED_WAITING && waitsForADueTask(t.getValue())) {
                        return true;
                    }
                }
                java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
            }
            return false;
        }

        private static boolean waitsForADueTask(StackTraceElement[] stack) {
            for (StackTraceElement frame : stack) {
                if (frame.getClassName().endsWith("ScheduledThreadPoolExecutor$DelayedWorkQueue")
                        && frame.getMethodName().equals("take")) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() {
            calls.answerAll("(the test is over)");
            prices.requireUnchanged();
        }

        /** The price call {@code label} must still be its own: not aborted when {@code by} timed out. */
        void requireUntouched(String label, String by) {
            if (calls.stateOf(label) == AbortableCalls.State.ABORTED) {
                throw PRICES_SHARE_STATE.report()
                        .saw(by + " timed out and its call was to be aborted, but " + label + ", another price call"
                                + " still well within its own time, was aborted instead: the call in flight was kept"
                                + " where every price call sees it (a field of the Storefront), so one call's timeout"
                                + " reached another's request.\nKeep each call in a local variable of the price call"
                                + " that made it; its timer and its fallback capture that variable.")
                        .detail(calls.render())
                        .failure();
            }
        }
    }

    /**
     * The last known prices as the Storefront sees them: reads go to the test's map; a change is made there too
     * (so the code goes on as it would), but recorded, and the test fails at its end naming it.
     */
    private static final class WatchedPrices extends java.util.AbstractMap<String, String> {
        private final Map<String, String> prices;
        private final List<String> changes = new java.util.concurrent.CopyOnWriteArrayList<>();

        WatchedPrices(Map<String, String> prices) {
            this.prices = prices;
        }

        @Override
        public String get(Object key) {
            return prices.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return prices.containsKey(key);
        }

        @Override
        public java.util.Set<Map.Entry<String, String>> entrySet() {
            return java.util.Collections.unmodifiableMap(prices).entrySet();
        }

        @Override
        public String put(String key, String value) {
            changes.add("put(" + quote(key) + ", " + quote(value) + ") on thread '" + Thread.currentThread().getName() + "'");
            return value == null ? prices.remove(key) : prices.put(key, value);
        }

        @Override
        public String remove(Object key) {
            changes.add("remove(" + quote(String.valueOf(key)) + ") on thread '" + Thread.currentThread().getName() + "'");
            return prices.remove(key);
        }

        @Override
        public void clear() {
            changes.add("clear() on thread '" + Thread.currentThread().getName() + "'");
            prices.clear();
        }

        void requireUnchanged() {
            if (!changes.isEmpty()) {
                throw CHANGED_PRICES.report()
                        .saw("The Storefront changed lastKnownPrices, the map it was given to read: "
                                + String.join(", ", changes) + ".\nThat map is its caller's: who fills it, when and"
                                + " with what (a price confirmed by a sale, not any price the shop quoted) is the"
                                + " caller's decision, and it may be shared by every thread of the server. Read it"
                                + " with get(item), and only when the time is up.")
                        .failure();
            }
        }
    }

    /** Why a checkout that timed out in real time, with no timer on the scheduler, is [timer-not-on-scheduler]. */
    private static final String JDK_CLOCK = "a timer of the JDK's own (orTimeout, completeOnTimeout, delayedExecutor)"
            + " measured the budget on another clock than the one the steps ran on.\nSchedule the deadline with the"
            + " scheduler the Storefront was given.";

    /**
     * When a call's result completed, in real time (System.nanoTime) from just before the call: a callback records
     * it, so the test knows however late it looks.
     */
    private static final class RealTime {
        private final long calledAt;
        private volatile long doneAt;

        RealTime(long calledAt, CompletableFuture<?> result) {
            this.calledAt = calledAt;
            result.whenComplete((value, failure) -> doneAt = System.nanoTime());
        }

        /** Real milliseconds from the call to the result's completion; -1 while it is pending. */
        long millisToDone() {
            long done = doneAt;
            return done == 0 ? -1 : (done - calledAt) / 1_000_000;
        }
    }

    /** One checkout on the virtual clock, driven step by step. */
    private static final class Checkout {
        final World w;
        final String call;
        final Duration budget;
        final CompletableFuture<String> result;
        /** When (virtual ms) another checkout started alongside this one; its timers and calls are not this one's. */
        private long othersFrom = Long.MAX_VALUE;
        private final java.util.Set<String> othersCalls = new java.util.HashSet<>();

        /** When, in real time, checkout's result completed. */
        private final RealTime doneAt;

        Checkout(World w, String call, Duration budget, long calledAtNanos, CompletableFuture<String> result) {
            this.w = w;
            this.call = call;
            this.budget = budget;
            this.result = result;
            this.doneAt = new RealTime(calledAtNanos, result);
        }

        /** Starts another checkout now, on the same Storefront, while this one is running. */
        Checkout alongside(String item, Duration otherBudget) {
            othersFrom = Math.min(othersFrom, now());
            othersCalls.add("reserve(" + item + ")");
            return w.checkout(item, otherBudget);
        }

        /** This checkout's deadline must have left the other one alone: its step still in flight, its result pending. */
        void requireUntouched(Checkout other, String label) {
            w.time.runDue();
            boolean aborted = w.calls.stateOf(label) == AbortableCalls.State.ABORTED;
            if (aborted || other.result.isDone()) {
                throw SHARE_STATE.report()
                        .saw("At " + now() + " ms " + call + "'s deadline passed, and it reached into another checkout, "
                                + other.call + ", called at " + othersFrom + " ms with " + other.budget.toMillis()
                                + " ms to go: " + (aborted ? label + " was aborted" : "")
                                + (aborted && other.result.isDone() ? " and " : "")
                                + (other.result.isDone() ? "its result had already " + (other.result
                                        .isCompletedExceptionally() ? "failed" : "completed") : "") + ".\nThe step in"
                                + " flight, the result and the timer belong to one checkout: keep them in variables made"
                                + " inside checkout() (or an object made per call), not in fields of the Storefront,"
                                + " which every checkout shares.")
                        .detail(render())
                        .failure();
            }
        }

        /** This checkout's timers: every task with a delay scheduled before another checkout started. */
        private List<asynckit.testkit.VirtualTime.Scheduled> ownTimers() {
            return w.time.history().stream().filter(s -> s.delayMillis() > 0 && s.atMillis() < othersFrom).toList();
        }

        String render() {
            return w.calls.render("deadline", budget);
        }

        long now() {
            return w.time.now().toMillis();
        }

        /** The step must have started; then, at virtual {@code atMillis}, the shop answers it. */
        void step(long atMillis, String label, String answer) {
            requireStarted(label, w.calls.started().isEmpty() ? "checkout was called"
                    : "the step before answered");
            advanceTo(atMillis);
            stillRunning("at " + atMillis + " ms");
            if (!w.calls.answer(label, answer)) {
                throw TOO_EARLY.report()
                        .saw(label + " had already been aborted when the shop was about to answer it at " + atMillis
                                + " ms, " + (budget.toMillis() - atMillis) + " ms before the deadline.")
                        .detail(render())
                        .failure();
            }
            w.time.runDue();
        }

        void advanceTo(long millis) {
            Duration target = Duration.ofMillis(millis);
            if (target.compareTo(w.time.now()) > 0) {
                w.time.advance(target.minus(w.time.now()));
            }
            w.time.runDue();
        }

        void requireStarted(String label, String after) {
            if (!w.started(label)) {
                Settle<String> settled = Settle.within(result, Duration.ZERO.plusMillis(1));
                throw DID_NOT_CALL.report()
                        .saw(after + " (at " + now() + " ms), but " + label + " was never called; checkout's result "
                                + describe(settled) + ".\nEach step starts as soon as the one before has answered,"
                                + " with that answer.")
                        .detail(render())
                        .failure();
            }
        }

        /** Before the deadline: nothing may have been given up on, and the result is still pending. */
        void stillRunning(String when) {
            List<String> aborted = w.calls.aborted();
            boolean timedOut = result.isCompletedExceptionally() && isTimeout(result.exceptionNow());
            long realMillis = timedOut ? doneAt.millisToDone() : -1;
            if (timedOut && ownTimers().isEmpty() && realMillis >= budget.toMillis()) {
                // The budget had passed in real time when the result failed, and no timer was on the scheduler: a
                // timer of the JDK's own ran out on the real clock (which a busy machine lets run ahead of this one).
                throw NOT_ON_SCHEDULER.report()
                        .saw("At " + now() + " ms on the scheduler's clock (" + when + "), checkout's result had"
                                + " already failed with " + result.exceptionNow() + ", after " + realMillis + " ms of"
                                + " real time, and your code had set no timer on the scheduler it was given: "
                                + JDK_CLOCK)
                        .detail(render())
                        .failure();
            }
            if (!aborted.isEmpty() || timedOut) {
                throw TOO_EARLY.report()
                        .saw("checkout's budget is " + budget.toMillis() + " ms, but " + when + " "
                                + (aborted.isEmpty() ? "" : String.join(", ", aborted) + " had been aborted"
                                        + (timedOut ? " and " : ""))
                                + (timedOut ? "the result had already failed with " + result.exceptionNow() : "")
                                + ".\nTimers your code set on the scheduler: " + timers() + ".")
                        .detail(render())
                        .failure();
            }
            if (result.isDone()) {
                Settle<String> settled = Settle.within(result, Duration.ZERO.plusMillis(1));
                throw WRONG_RESULT.report()
                        .saw(when + ", with " + w.calls.inFlight() + " still in flight, checkout's result had"
                                + " already completed: it " + describe(settled) + ".")
                        .detail(render())
                        .failure();
            }
        }

        /** At the deadline: the result must fail with a TimeoutException, on the scheduler's clock. */
        void requireTimedOut(String situation, boolean diagnoseRealTime) {
            if (!result.isDone()) {
                List<asynckit.testkit.VirtualTime.Scheduled> own = ownTimers();
                if (own.isEmpty() && diagnoseRealTime) {
                    // Nothing on the scheduler: a JDK timer (real time) or no timer at all. Give real time a chance.
                    Settle<String> real = Settle.within(result, budget.plus(TimeScale.millis(1_700)));
                    if (!real.pending() && real.failed() && isTimeout(real.failure())) {
                        throw NOT_ON_SCHEDULER.report()
                                .saw("At " + now() + " ms on the scheduler's clock " + situation + ", yet checkout's"
                                        + " result was still pending, and your code had set no timer on the scheduler"
                                        + " it was given. It timed out later, in real time: " + JDK_CLOCK)
                                .detail(render())
                                .failure();
                    }
                    throw NO_TIMEOUT.report()
                            .saw("At " + now() + " ms " + situation + ", yet checkout's result was still pending, and"
                                    + " your code had set no timer on the scheduler it was given (a timer of the JDK's"
                                    + " own, orTimeout or completeOnTimeout, does not follow this clock).")
                            .detail(render())
                            .failure();
                }
                // The next of this checkout's timers still pending (a cancelled one is no longer pending).
                java.util.Set<Long> pendingAt = w.time.pending().stream().map(d -> now() + d.toMillis())
                        .collect(java.util.stream.Collectors.toSet());
                long nextDue = own.stream().mapToLong(s -> s.atMillis() + s.delayMillis())
                        .filter(at -> at > now() && pendingAt.contains(at)).min().orElse(-1);
                if (nextDue >= 0 && own.size() == 1 && own.get(0).atMillis() > 0) {
                    throw STARTED_LATE.report()
                            .saw("At " + now() + " ms " + situation + ", yet checkout's result was still pending.\n"
                                    + "Your code set one timer for the deadline, as it should, but only at "
                                    + own.get(0).atMillis() + " ms, once the checkout was under way: it falls at "
                                    + nextDue + " ms. The budget of " + budget.toMillis() + " ms counts from the moment"
                                    + " checkout is called (0 ms here); schedule the timer there, before the first step.")
                            .detail(render())
                            .failure();
                }
                if (nextDue >= 0) {
                    throw PER_STEP.report()
                            .saw("At " + now() + " ms " + situation + ", yet checkout's result was still pending.\n"
                                    + "Timers your code set on the scheduler: " + timers() + "; the next one is due at "
                                    + nextDue + " ms.\nEach step got a timer of its own, so the budget started again at"
                                    + " every step; the whole checkout has " + budget.toMillis() + " ms, counted from"
                                    + " the call.")
                            .detail(render())
                            .failure();
                }
                throw NO_TIMEOUT.report()
                        .saw("At " + now() + " ms " + situation + ", yet checkout's result was still pending.\n"
                                + "Timers your code set on the scheduler: " + timers() + " (none is still due).")
                        .detail(render())
                        .failure();
            }
            Settle<String> settled = Settle.within(result, Duration.ZERO.plusMillis(1));
            if (!settled.failed() || !isTimeout(settled.failure())) {
                throw (settled.failed() ? TIMEOUT_NOT_REPORTED : WRONG_RESULT).report()
                        .saw("At " + now() + " ms " + situation + ". checkout's result " + describe(settled)
                                + ", but it should fail with a TimeoutException: that is how the caller learns that"
                                + " the time was up (and not, say, that the shop cancelled something).")
                        .detail(render())
                        .failure();
            }
        }

        /** At the deadline the step in flight must be aborted, and nothing new started. */
        void requireAbortedAtDeadline(String label) {
            if (w.calls.stateOf(label) == AbortableCalls.State.IN_FLIGHT) {
                boolean futureDone = w.calls.inFlightButFutureDone().contains(label);
                throw LEFT_RUNNING.report()
                        .saw("At " + now() + " ms checkout failed with its TimeoutException, but " + label + " was"
                                + " still running at the shop: the order is confirmed after its caller was told it"
                                + " failed."
                                + (futureDone ? "\nIts future had been completed or cancelled, but that changes only"
                                        + " the future: cancel() never stops the request behind it. Call.abort() does."
                                        : "\nAbort the step in flight when the deadline passes: Call.abort()."))
                        .detail(render())
                        .failure();
            }
            requireNothingStartedAfter(label);
        }

        void requireNothingStartedAfter(String label) {
            List<String> started = w.calls.started().stream().filter(l -> !othersCalls.contains(l)).toList();
            int at = started.indexOf(label);
            if (at >= 0 && at < started.size() - 1) {
                w.time.runDue();
                throw LEFT_RUNNING.report()
                        .saw("After the deadline, checkout still started "
                                + String.join(", ", started.subList(at + 1, started.size())) + ".")
                        .detail(render())
                        .failure();
            }
        }

        private String timers() {
            List<asynckit.testkit.VirtualTime.Scheduled> own = ownTimers();
            return own.isEmpty() ? "none" : own.stream().map(s -> s.delayMillis() + " ms (set at " + s.atMillis()
                    + " ms)").toList().toString();
        }
    }

    private static boolean isTimeout(Throwable failure) {
        return failure instanceof TimeoutException
                || (failure instanceof CompletionException && failure.getCause() instanceof TimeoutException);
    }

    private static String describe(Settle<String> settled) {
        if (settled.pending()) {
            return "was still pending";
        }
        if (settled.failed()) {
            return "failed with " + ManualFutures.describeError(settled.failure());
        }
        return "completed with " + (settled.value() == null ? "null" : quote(settled.value()));
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }
}
