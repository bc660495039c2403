package asynckit.ex03;

import asynckit.testkit.Exercise;
import asynckit.testkit.Lesson;
import asynckit.testkit.ManualFutures;
import asynckit.testkit.Mistake;
import asynckit.testkit.NoBlockingCalls;
import asynckit.testkit.Patience;
import asynckit.testkit.Points;
import asynckit.testkit.RaceRounds;
import asynckit.testkit.Returns;
import asynckit.testkit.Settle;
import asynckit.testkit.Teach;
import asynckit.testkit.ThreadWatch;
import asynckit.testkit.TimeScale;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every input is a future the test completes by hand, in an order it chooses: no clock, no sleeps. The
 * only waiting is a bounded {@link Settle#within} on the future Gather returned, which right code has
 * completed before the test even looks.
 */
@Exercise("03-gather")
@DisplayName("03 Gather: Gather.all and Gather.settled")
class GatherTest implements NoBlockingCalls {
    static final Lesson LESSON = Lesson.of(GatherTest.class);
    static final Mistake BLOCKED_CALLER = LESSON.mistake("blocked-the-caller");
    static final Mistake COMPLETION_ORDER = LESSON.mistake("completion-order");
    static final Mistake WAITED_FOR_ALL = LESSON.mistake("waited-for-all");
    static final Mistake FINISHED_EARLY = LESSON.mistake("finished-early");
    static final Mistake NEVER_COMPLETED = LESSON.mistake("never-completed");
    static final Mistake WRONG_FAILURE = LESSON.mistake("wrong-failure");
    static final Mistake LOST_FAILURE = LESSON.mistake("lost-failure");
    static final Mistake FAILURE_ESCAPED = LESSON.mistake("failure-escaped");
    static final Mistake WRAPPED_ERROR = LESSON.mistake("wrapped-error");
    static final Mistake BLOCKED_POOL_THREAD = LESSON.mistake("blocked-a-pool-thread");
    static final Mistake LOST_UPDATE = LESSON.mistake("lost-update");
    static final Mistake UNSAFE_SHARED_STATE = LESSON.mistake("unsafe-shared-state");
    static final Mistake SUCCESS_AS_FAILURE = LESSON.mistake("success-as-failure");

    /** How long a test waits for a future that right code has already completed. */
    private static final Duration BOUND = TimeScale.millis(2_000);
    private static final Patience PATIENCE = Patience.of(BOUND);
    /** How long to give code that completes its result on another thread, before the next step. */
    private static final Duration SHORT = TimeScale.millis(500);

    // ---------------------------------------------------------------- both methods

    @Test
    @Points(3)
    @DisplayName("all and settled hand back a pending future at once, while every input is still pending")
    void bothReturnAtOnce() {
        ManualFutures<String> inputs = ManualFutures.named("a", "b", "c");
        try {
            CompletableFuture<List<String>> all = call(inputs, "all(a, b, c)", () -> Gather.all(inputs.all()));
            CompletableFuture<List<Outcome<String>>> settled = call(inputs, "settled(a, b, c)",
                    () -> Gather.settled(inputs.all()));
            inputs.step("both returned");
            requirePending(all, "all(a, b, c)", "while all three inputs were pending", inputs);
            requirePending(settled, "settled(a, b, c)", "while all three inputs were pending", inputs);

            inputs.complete("a", "A");
            inputs.complete("b", "B");
            inputs.complete("c", "C");
            requireValues(settleNormally(all, "all(a, b, c)", inputs), List.of("A", "B", "C"), "all(a, b, c)", inputs);
            judgeOutcomes(settleNormally(settled, "settled(a, b, c)", inputs),
                    List.of(Outcome.success("A"), Outcome.success("B"), Outcome.success("C")), "settled(a, b, c)",
                    "a, b, c", inputs);
        } finally {
            release(inputs);
        }
    }

    // ---------------------------------------------------------------- all

    @Test
    @Points(3)
    @DisplayName("all keeps the input order when the inputs complete in reverse order")
    void allKeepsTheInputOrder() {
        ManualFutures<String> inputs = ManualFutures.named("a", "b", "c");
        try {
            CompletableFuture<List<String>> all = call(inputs, "all(a, b, c)", () -> Gather.all(inputs.all()));
            inputs.complete("c", "C");
            inputs.complete("b", "B");
            requirePending(all, "all(a, b, c)", "while input a was still pending", inputs);
            inputs.complete("a", "A");

            List<String> values = settleNormally(all, "all(a, b, c)", inputs);
            if (!List.of("A", "B", "C").equals(values)) {
                throw COMPLETION_ORDER.report()
                        .saw("The inputs completed in the order c, b, a. all(a, b, c) gave " + values
                                + "; it should be [A, B, C], the order of the inputs.")
                        .detail(inputs.render())
                        .failure();
            }
        } finally {
            release(inputs);
        }
    }

    @Test
    @Points(4)
    @DisplayName("all fails at once when an input fails, even though another input never completes")
    void allFailsAtOnce() {
        IOException reset = new IOException("c: reset");
        ManualFutures<String> inputs = ManualFutures.named("a", "b", "c");
        try {
            CompletableFuture<List<String>> all = call(inputs, "all(a, b, c)", () -> Gather.all(inputs.all()));
            inputs.complete("b", "B");
            inputs.fail("c", reset);

            Settle<List<String>> result = settle(all, inputs, SHORT);
            if (result.pending()) {
                // Still pending: either it waits for a too, or the failure was turned into a value. Let a
                // complete to tell which, so the message names the real mistake.
                inputs.complete("a", "A");
                Settle<List<String>> after = settle(all, inputs, SHORT);
                if (!after.pending() && !after.failed()) {
                    throw LOST_FAILURE.report()
                            .saw("Input c failed with " + describe(reset) + ", and all(a, b, c) did not fail: once a"
                                    + " had completed too, it completed normally with " + after.value() + ".\nThe"
                                    + " failure was turned into a value (an exceptionally(e -> null) or a handle that"
                                    + " returns something), so nobody hears that c failed.")
                            .detail(inputs.render())
                            .failure();
                }
                throw WAITED_FOR_ALL.report()
                        .saw("Input c failed while a was still pending, and all(a, b, c) was still pending "
                                + SHORT.toMillis() + " ms later" + (after.failed() ? "; it failed only once a had"
                                        + " completed too" : "") + ".\n"
                                + "A caller of gather should hear about a failure at once. CompletableFuture.allOf,"
                                + " for one, waits for every input before it fails, even after one of them has"
                                + " failed.")
                        .detail(inputs.render())
                        .failure();
            }
            requireFailureOf(result, reset, "c", inputs);
        } finally {
            release(inputs);
        }
    }

    @Test
    @Points(2)
    @DisplayName("all fails with the input that failed first, not with the one that comes first in the list")
    void allReportsTheFirstFailure() {
        IOException first = new IOException("c: timeout");
        IOException second = new IOException("a: refused");
        ManualFutures<String> inputs = ManualFutures.named("a", "b", "c");
        try {
            CompletableFuture<List<String>> all = call(inputs, "all(a, b, c)", () -> Gather.all(inputs.all()));
            inputs.fail("c", first);
            settleQuietly(all, SHORT);
            inputs.fail("a", second);

            Settle<List<String>> result = settle(all, inputs, SHORT);
            if (result.pending()) {
                inputs.complete("b", "B");
                Settle<List<String>> after = settle(all, inputs, SHORT);
                if (!after.pending() && !after.failed()) {
                    throw LOST_FAILURE.report()
                            .saw("Inputs c and then a failed, and all(a, b, c) did not fail: once b had completed too,"
                                    + " it completed normally with " + after.value() + ". The failures were turned into"
                                    + " values.")
                            .detail(inputs.render())
                            .failure();
                }
                throw WAITED_FOR_ALL.report()
                        .saw("Inputs c and then a failed while b was still pending, and all(a, b, c) was still"
                                + " pending " + SHORT.toMillis() + " ms later.")
                        .detail(inputs.render())
                        .failure();
            }
            if (result.failed() && result.failure() == second) {
                throw WRONG_FAILURE.report()
                        .saw("c failed first, then a. all(a, b, c) failed with a's exception ("
                                + ManualFutures.describeError(second) + "), which came second.\n"
                                + "Code that looks at the inputs in list order (a thenCompose chain; or allOf, which in"
                                + " today's JDK reports the failed input earliest in the list) finds a before c; the first failure in time is c's.")
                        .detail(inputs.render())
                        .failure();
            }
            requireFailureOf(result, first, "c", inputs);
        } finally {
            release(inputs);
        }
    }

    // ---------------------------------------------------------------- settled

    @Test
    @Points(4)
    @DisplayName("settled keeps the input order and records each success and each failure")
    void settledRecordsEveryOutcomeInOrder() {
        IOException timedOut = new IOException("a: timeout");
        IOException notFound = new IOException("c: 404");
        ManualFutures<String> inputs = ManualFutures.named("a", "b", "c", "d");
        // Input c is a derived stage, as inputs usually are: its source's failure reaches it wrapped.
        CompletableFuture<String> c = inputs.get("c").thenApply(String::toLowerCase);
        List<CompletableFuture<String>> given = List.of(inputs.get("a"), inputs.get("b"), c, inputs.get("d"));
        try {
            CompletableFuture<List<Outcome<String>>> settled = call(inputs, "settled(a, b, c, d)",
                    () -> Gather.settled(given), GatherTest::outcomes);
            inputs.complete("d", "D");
            inputs.fail("c", notFound);
            inputs.complete("b", null);   // a success whose value is null: a value like any other
            inputs.fail("a", timedOut);

            Settle<List<Outcome<String>>> result = settle(settled, inputs);
            requireSettledNotFailed(result, "settled(a, b, c, d)", inputs);
            if (result.pending()) {
                throw NEVER_COMPLETED.report()
                        .saw("Every input had completed (two of them by failing), and settled(a, b, c, d) was still"
                                + " pending " + later(result))
                        .detail(inputs.render())
                        .failure();
            }
            List<Outcome<String>> expected = List.of(Outcome.failure(timedOut), Outcome.success(null),
                    Outcome.failure(notFound), Outcome.success("D"));
            judgeOutcomes(result.value(), expected, "settled(a, b, c, d)", "d, c, b, a", inputs);
        } finally {
            release(inputs);
        }
    }

    @Test
    @Points(2)
    @DisplayName("settled is not done until the last input has completed, even after an input failed")
    void settledWaitsForEveryInput() {
        IOException refused = new IOException("a: refused");
        ManualFutures<String> inputs = ManualFutures.named("a", "b", "c");
        try {
            CompletableFuture<List<Outcome<String>>> settled = call(inputs, "settled(a, b, c)",
                    () -> Gather.settled(inputs.all()), GatherTest::outcomes);
            inputs.fail("a", refused);
            if (settled.isDone()) {
                requireSettledNotFailed(settle(settled, inputs), "settled(a, b, c)", inputs);
            }
            requirePending(settled, "settled(a, b, c)", "when only a had completed (by failing)", inputs);
            inputs.complete("c", "C");
            requirePending(settled, "settled(a, b, c)", "while b was still pending", inputs);
            inputs.complete("b", "B");

            Settle<List<Outcome<String>>> result = settle(settled, inputs);
            requireSettledNotFailed(result, "settled(a, b, c)", inputs);
            if (result.pending()) {
                throw NEVER_COMPLETED.report()
                        .saw("Every input had completed, and settled(a, b, c) was still pending " + later(result))
                        .detail(inputs.render())
                        .failure();
            }
            judgeOutcomes(result.value(), List.of(Outcome.failure(refused), Outcome.success("B"), Outcome.success("C")),
                    "settled(a, b, c)", "a, c, b", inputs);
        } finally {
            release(inputs);
        }
    }

    // ---------------------------------------------------------------- threads

    @Test
    @Points(2)
    @DisplayName("never parks a thread waiting for an input, not even a pool thread")
    void noThreadWaitsForAnInput() {
        ThreadWatch watch = ThreadWatch.of(LESSON);
        Set<Thread> before = watch.parkedNow();   // left parked by an earlier run in a warm JVM: not this one's
        ManualFutures<String> inputs = ManualFutures.named("a", "b", "c");
        try {
            CompletableFuture<List<String>> all = call(inputs, "all(a, b, c)", () -> Gather.all(inputs.all()));
            CompletableFuture<List<Outcome<String>>> settled = call(inputs, "settled(a, b, c)",
                    () -> Gather.settled(inputs.all()), GatherTest::outcomes);
            // Gives a thread that was handed the waiting (supplyAsync(() -> input.join())) the time to start it, and
            // sees one that waits for a future combined from the inputs (allOf(...).join()), which they cannot see.
            watch.assertNoneParked(BLOCKED_POOL_THREAD, "While a, b and c were pending",
                    TimeScale.millis(100), null, before);
            inputs.waits().assertNone(BLOCKED_POOL_THREAD, "While a, b and c were pending", null);
            inputs.complete("b", "B");
            inputs.complete("c", "C");
            inputs.complete("a", "A");
            requireValues(settleNormally(all, "all(a, b, c)", inputs), List.of("A", "B", "C"), "all(a, b, c)", inputs);
            judgeOutcomes(settleNormally(settled, "settled(a, b, c)", inputs),
                    List.of(Outcome.success("A"), Outcome.success("B"), Outcome.success("C")), "settled(a, b, c)",
                    "b, c, a", inputs);
            inputs.waits().assertNone(BLOCKED_POOL_THREAD, "While the inputs completed", null);
        } finally {
            release(inputs);
        }
    }

    @Test
    @Points(1)
    @DisplayName("stays right when many inputs complete at the same instant on different threads")
    void manyInputsAtTheSameInstant() {
        int n = 8;
        List<String> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add("V" + i);
        }
        try (RaceRounds rounds = RaceRounds.of(LOST_UPDATE, UNSAFE_SHARED_STATE, Gather.class, "8 inputs completed",
                "every input completing on one thread")) {
            // Round 0 is the control: every input completes on this one thread. Only if that is right does
            // a wrong result in a later round say something about threads.
            for (int round = 0; round <= 100; round++) {
                List<CompletableFuture<String>> forAll = new ArrayList<>();
                List<CompletableFuture<String>> forSettled = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    forAll.add(new CompletableFuture<>());
                    forSettled.add(new CompletableFuture<>());
                }
                CompletableFuture<List<String>> all = Returns.promptly(BLOCKED_CALLER, "all(8 inputs)",
                        () -> Gather.all(forAll));
                CompletableFuture<List<Outcome<String>>> settled = Returns.promptly(BLOCKED_CALLER,
                        "settled(8 inputs)", () -> Gather.settled(forSettled));
                IOException odd = new IOException("odd inputs fail");
                List<Outcome<String>> expected = new ArrayList<>();
                List<Runnable> completions = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int at = i;
                    Runnable forAllInput = () -> forAll.get(at).complete(values.get(at));
                    Runnable forSettledInput = () -> {
                        if (at % 2 == 1) {
                            forSettled.get(at).completeExceptionally(odd);
                        } else {
                            forSettled.get(at).complete(values.get(at));
                        }
                    };
                    // Alternate, so that each completer thread gets inputs of both methods.
                    completions.addAll(at % 2 == 0 ? List.of(forAllInput, forSettledInput)
                            : List.of(forSettledInput, forAllInput));
                    expected.add(at % 2 == 1 ? Outcome.failure(odd) : Outcome.success(values.get(at)));
                }
                rounds.complete(round, completions, null, "Gather");
                if (round == 0) {
                    ManualFutures<String> none = ManualFutures.named("(8 inputs, completed one by one on one thread)");
                    requireValues(settleNormally(all, "all(8 inputs)", none), values, "all(8 inputs)", none);
                    judgeOutcomes(settleNormally(settled, "settled(8 inputs)", none), expected, "settled(8 inputs)",
                            "0 to 7", none);
                    continue;
                }
                Settle<List<String>> allResult = Settle.within(all, SHORT);
                Settle<List<Outcome<String>>> settledResult = Settle.within(settled, SHORT);
                boolean allRight = !allResult.pending() && !allResult.failed() && values.equals(allResult.value());
                boolean settledRight = !settledResult.pending() && !settledResult.failed()
                        && expected.equals(settledResult.value());
                if (!allResult.pending() && !allResult.failed() && RaceRounds.reordered(allResult.value(), values)) {
                    throw rounds.inCompletionOrder(COMPLETION_ORDER, round, "all(8 inputs) gave the values in that"
                                    + " order: " + allResult.value() + ".")
                            .expected(values)
                            .actual(allResult.value())
                            .failure();
                }
                if (!settledResult.pending() && !settledResult.failed()
                        && RaceRounds.reordered(settledResult.value(), expected)) {
                    throw rounds.inCompletionOrder(COMPLETION_ORDER, round, "settled(8 inputs) gave the outcomes in"
                                    + " that order: " + outcomes(settledResult.value()) + ".")
                            .failure();
                }
                if (!allRight || !settledRight) {
                    Settle<?> wrong = allRight ? settledResult : allResult;
                    throw rounds.raced(round, null, (allRight ? "settled" : "all") + "(8 inputs) "
                                    + (wrong.failed() ? "failed with " + describe(wrong.failure()) + "."
                                            : RaceRounds.outcome(wrong, () -> allRight ? outcomes(settledResult.value())
                                                    : allResult.value())))
                            .failure(wrong.failure());
                }
            }
            rounds.assertNoUnsafeState(null, "The results were right in every round, but the code keeps state that"
                    + " several threads would share without protection; the race is rare, not absent:");
        }
    }

    // ---------------------------------------------------------------- edges and blocking

    @Test
    @Points(1)
    @DisplayName("all and settled give an already complete empty list when there are no inputs")
    void emptyInput() {
        CompletableFuture<List<String>> all = Returns.promptly(BLOCKED_CALLER, "all(no inputs)",
                () -> Gather.<String>all(List.of()));
        CompletableFuture<List<Outcome<String>>> settled = Returns.promptly(BLOCKED_CALLER, "settled(no inputs)",
                () -> Gather.<String>settled(List.of()));
        requireCompleteAndEmpty(all, "all(no inputs)");
        requireCompleteAndEmpty(settled, "settled(no inputs)");
    }

    @Override
    public void worksOnce() {
        IOException broken = new IOException("b: broken");
        List<CompletableFuture<String>> done = List.of(CompletableFuture.completedFuture("A"),
                CompletableFuture.completedFuture("B"));
        List<CompletableFuture<String>> mixed = List.of(CompletableFuture.completedFuture("A"),
                CompletableFuture.failedFuture(broken));
        ManualFutures<String> none = ManualFutures.named("(no step)");
        requireValues(Settle.within(Gather.all(done), BOUND).value(NEVER_COMPLETED, WRONG_FAILURE,
                "all(A, B), which must work before its code is checked for blocking calls,"), List.of("A", "B"),
                "all(A, B)", none);
        Settle<List<Outcome<String>>> settled = Settle.within(Gather.settled(mixed), BOUND);
        if (settled.failed()) {
            throw FAILURE_ESCAPED.report()
                    .saw("settled(A, a failed input) failed with " + describe(settled.failure()) + ". It must work"
                            + " before its code is checked for blocking calls.")
                    .failure(settled.failure());
        }
        judgeOutcomes(settled.value(NEVER_COMPLETED, FAILURE_ESCAPED, "settled(A, a failed input)"),
                List.of(Outcome.success("A"), Outcome.failure(broken)), "settled(A, b)", "a, b", none);
    }

    // ---------------------------------------------------------------- helpers

    /** Calls the method on another thread, failing with [blocked-the-caller] unless it returns at once. */
    private static <R> CompletableFuture<List<R>> call(ManualFutures<String> inputs, String what,
                                                       Supplier<CompletableFuture<List<R>>> method) {
        return call(inputs, what, method, String::valueOf);
    }

    private static <R> CompletableFuture<List<R>> call(ManualFutures<String> inputs, String what,
                                                       Supplier<CompletableFuture<List<R>>> method,
                                                       java.util.function.Function<List<R>, String> describe) {
        CompletableFuture<List<R>> result = Returns.promptly(BLOCKED_CALLER, what, method::get);
        if (result == null) {
            throw NEVER_COMPLETED.report().saw(what + " returned null instead of a CompletableFuture.").failure();
        }
        inputs.watch(what, result, describe);
        inputs.step("called " + what);
        return result;
    }

    private static <V> void requirePending(CompletableFuture<V> result, String what, String when,
                                           ManualFutures<String> inputs) {
        if (!result.isDone()) {
            return;
        }
        throw FINISHED_EARLY.report()
                .saw(what + " was already complete " + when + ". It must wait for "
                        + (what.startsWith("settled") ? "every input, whether it succeeds or fails."
                                : "every input to succeed (or for the first failure)."))
                .detail(inputs.render())
                .failure();
    }

    /**
     * Waits for a result whose inputs have all completed. Once one such wait has run {@link #BOUND} out, the
     * code is proven to leave results pending, and later waits of the same run are shorter (see {@link Patience}).
     */
    private static <V> Settle<V> settle(CompletableFuture<V> result, ManualFutures<String> inputs) {
        Settle<V> settled = PATIENCE.settle(result, "a gathered future whose inputs had all completed");
        inputs.step(settled.pending() ? "waited " + settled.waited().toMillis() + " ms more" : "looked at the result");
        return settled;
    }

    /** {@code N ms later.}, with what an earlier wait proved when this one was short. */
    private static String later(Settle<?> settled) {
        return settled.waited().toMillis() + " ms later" + (settled.because() == null ? "" : " (" + settled.because()
                + ")") + ".";
    }

    private static <V> Settle<V> settle(CompletableFuture<V> result, ManualFutures<String> inputs, Duration bound) {
        Settle<V> settled = Settle.within(result, bound);
        inputs.step(settled.pending() ? "waited " + bound.toMillis() + " ms more" : "looked at the result");
        return settled;
    }

    /** Gives code that completes its result on another thread the time to do so; judged later. */
    private static void settleQuietly(CompletableFuture<?> result, Duration bound) {
        Settle.within(result, bound);
    }

    /** Waits for a result that must complete normally now; names the mistake if it is pending. */
    private static <V> V settleNormally(CompletableFuture<V> result, String what, ManualFutures<String> inputs) {
        Settle<V> settled = settle(result, inputs);
        if (settled.pending()) {
            throw NEVER_COMPLETED.report()
                    .saw("Every input had completed, and " + what + " was still pending " + later(settled))
                    .detail(inputs.render())
                    .failure();
        }
        if (settled.failed() && what.startsWith("settled")) {
            requireSettledNotFailed(settled, what, inputs);
        }
        return settled.value(NEVER_COMPLETED, WRONG_FAILURE, what);
    }

    private static void requireFailureOf(Settle<?> result, Throwable expected, String input,
                                         ManualFutures<String> inputs) {
        if (!result.failed()) {
            throw LOST_FAILURE.report()
                    .saw("Input " + input + " failed with " + describe(expected) + ", yet the gathered future completed"
                            + " normally with " + result.value() + ".")
                    .detail(inputs.render())
                    .failure();
        }
        if (result.failure() != expected) {
            throw WRONG_FAILURE.report()
                    .saw("The gathered future failed with " + describe(result.failure()) + "; it should fail with "
                            + input + "'s own exception, " + describe(expected) + ", passed on as it is.")
                    .detail(inputs.render())
                    .failure(result.failure());
        }
    }

    private static void requireSettledNotFailed(Settle<?> result, String what, ManualFutures<String> inputs) {
        if (!result.failed()) {
            return;
        }
        Throwable cause = result.failure() instanceof CompletionException wrapper && wrapper.getCause() != null
                ? wrapper.getCause() : result.failure();
        if (cause instanceof NullPointerException npe && String.valueOf(npe.getMessage()).contains("a Failure needs")) {
            // Outcome.failure(null): an unwrap that took getCause() of an error that has no cause.
            throw Teach.about(List.of(FAILURE_ESCAPED, WRAPPED_ERROR))
                    .saw(what + " failed with " + describe(result.failure()) + ": your code made Outcome.failure(null)."
                            + "\nAn input that failed by itself holds its own error, with no cause behind it;"
                            + " getCause() gives null there. Unwrap only a CompletionException, and keep every other"
                            + " error as it is.")
                    .detail(inputs.render())
                    .failure(result.failure());
        }
        throw FAILURE_ESCAPED.report()
                .saw(what + " failed with " + describe(result.failure()) + ". With return_exceptions semantics a"
                        + " failed input becomes a Failure in the list, and the list itself always arrives.")
                .detail(inputs.render())
                .failure(result.failure());
    }

    private static void requireCompleteAndEmpty(CompletableFuture<? extends List<?>> result, String what) {
        if (result == null || !result.isDone()) {
            throw NEVER_COMPLETED.report()
                    .saw(what + " returned a pending future. With nothing to wait for, the empty list is ready at"
                            + " once: the future should already be complete.")
                    .failure();
        }
        List<?> list = Settle.within(result, BOUND).value(NEVER_COMPLETED, what.startsWith("settled") ? FAILURE_ESCAPED
                : WRONG_FAILURE, what);
        if (list == null || !list.isEmpty()) {
            throw NEVER_COMPLETED.report().saw(what + " completed with " + list + " instead of an empty list.")
                    .expected(List.of()).actual(list).failure();
        }
    }

    /** Completes every input still pending, so code stuck waiting on them (on a test thread) can finish. */
    private static void release(ManualFutures<String> inputs) {
        inputs.completePending(name -> name.toUpperCase(java.util.Locale.ROOT));
    }

    /** Compares settled's list with the expected one and names the mistake behind any difference. */
    private static void judgeOutcomes(List<Outcome<String>> actual, List<Outcome<String>> expected, String what,
                                      String completionOrder, ManualFutures<String> inputs) {
        if (actual == null) {
            throw NEVER_COMPLETED.report().saw(what + " completed with null instead of a list of outcomes.").failure();
        }
        if (actual.equals(expected)) {
            return;
        }
        String compare = what + " gave " + outcomes(actual) + "\nit should be" + " ".repeat(what.length() - 6)
                + outcomes(expected);
        if (unwrapped(actual).equals(expected)) {
            throw WRAPPED_ERROR.report()
                    .saw(compare + "\nThe input that failed is a dependent stage (source.thenApply(...)), so its"
                            + " failure reached your code as a CompletionException wrapped around the source's own"
                            + " error.")
                    .detail(inputs.render())
                    .failure();
        }
        if (actual.size() < expected.size()) {
            throw FINISHED_EARLY.report()
                    .saw(compare + "\nThere are " + expected.size() + " inputs, and only " + actual.size() + " outcomes:"
                            + " the list was made before every input had completed.")
                    .detail(inputs.render())
                    .failure();
        }
        long failed = expected.stream().filter(o -> !o.succeeded()).count();
        long failures = unwrapped(actual).stream().filter(o -> !o.succeeded()).count();
        if (failures < failed) {
            throw LOST_FAILURE.report()
                    .saw(compare + "\n" + failed + " input" + (failed == 1 ? "" : "s") + " failed, but "
                            + (failures == 0 ? "no" : "only " + failures) + " Failure came back. With return_exceptions"
                            + " semantics a failure is kept as an outcome, never turned into a value.")
                    .detail(inputs.render())
                    .failure();
        }
        if (actual.size() == expected.size() && new HashSet<>(unwrapped(actual)).equals(new HashSet<>(expected))) {
            throw COMPLETION_ORDER.report()
                    .saw("The inputs completed in the order " + completionOrder + ".\n" + compare)
                    .detail(inputs.render())
                    .failure();
        }
        if (actual.size() == expected.size() && failures > failed) {
            throw SUCCESS_AS_FAILURE.report()
                    .saw(compare + "\n" + failed + " input" + (failed == 1 ? "" : "s") + " failed, but " + failures
                            + " Failures came back: an input that succeeded became a Failure. A success whose value is"
                            + " null is a success like any other; tell the two apart by the error (error != null),"
                            + " never by the value.")
                    .detail(inputs.render())
                    .failure();
        }
        throw COMPLETION_ORDER.report()
                .saw(compare + "\nThe outcomes do not line up with the inputs: read them from the list of futures,"
                        + " one per input, in input order.")
                .detail(inputs.render())
                .expected(expected)
                .actual(actual)
                .failure();
    }

    /** all's values must be exactly {@code expected}; every other outcome is named. */
    private static void requireValues(List<String> values, List<String> expected, String what,
                                      ManualFutures<String> inputs) {
        if (expected.equals(values)) {
            return;
        }
        throw COMPLETION_ORDER.report()
                .saw(what + " gave " + values + "; it should be " + expected + ", one value per input, in input order.")
                .detail(inputs.render())
                .expected(expected)
                .actual(values)
                .failure();
    }

    private static List<Outcome<String>> unwrapped(List<Outcome<String>> outcomes) {
        List<Outcome<String>> out = new ArrayList<>();
        for (Outcome<String> o : outcomes) {
            if (o instanceof Outcome.Failure<String> f && f.error() instanceof CompletionException
                    && f.error().getCause() != null) {
                out.add(Outcome.failure(f.error().getCause()));
            } else {
                out.add(o);
            }
        }
        return out;
    }

    private static String outcomes(List<Outcome<String>> outcomes) {
        if (outcomes == null) {
            return "null";
        }
        List<String> parts = new ArrayList<>();
        for (Outcome<String> o : outcomes) {
            parts.add(o instanceof Outcome.Failure<String> f ? "Failure(" + describe(f.error()) + ")" : String.valueOf(o));
        }
        return "[" + String.join(", ", parts) + "]";
    }

    private static String describe(Throwable error) {
        if (error instanceof CompletionException wrapper && wrapper.getCause() != null) {
            return "CompletionException(" + ManualFutures.describeError(wrapper.getCause()) + ")";
        }
        return ManualFutures.describeError(error);
    }
}
