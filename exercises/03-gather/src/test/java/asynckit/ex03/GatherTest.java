package asynckit.ex03;

import static org.assertj.core.api.Assertions.assertThat;

import asynckit.testkit.Exercise;
import asynckit.testkit.Lesson;
import asynckit.testkit.ManualFutures;
import asynckit.testkit.Mistake;
import asynckit.testkit.NoBlockingCalls;
import asynckit.testkit.Points;
import asynckit.testkit.Returns;
import asynckit.testkit.Settle;
import asynckit.testkit.TimeScale;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

    /** How long a test waits for a future that right code has already completed. */
    private static final Duration BOUND = TimeScale.millis(2_000);
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
            assertThat(settleNormally(all, "all(a, b, c)", inputs))
                    .as("all(a, b, c) after a, b and c completed").containsExactly("A", "B", "C");
            assertThat(settleNormally(settled, "settled(a, b, c)", inputs))
                    .as("settled(a, b, c) after a, b and c completed")
                    .containsExactly(Outcome.success("A"), Outcome.success("B"), Outcome.success("C"));
        } finally {
            release(inputs);
        }
    }

    // ---------------------------------------------------------------- all

    @Test
    @Points(4)
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
            if (!values.equals(List.of("A", "B", "C"))) {
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
    @Points(5)
    @DisplayName("all fails at once when an input fails, even though another input never completes")
    void allFailsAtOnce() {
        IOException reset = new IOException("c: reset");
        ManualFutures<String> inputs = ManualFutures.named("a", "b", "c");
        try {
            CompletableFuture<List<String>> all = call(inputs, "all(a, b, c)", () -> Gather.all(inputs.all()));
            inputs.complete("b", "B");
            inputs.fail("c", reset);

            Settle<List<String>> result = settle(all, inputs);
            if (result.pending()) {
                throw WAITED_FOR_ALL.report()
                        .saw("Input c failed while a was still pending (a never completes in this test), and"
                                + " all(a, b, c) was still pending " + BOUND.toMillis() + " ms later.\n"
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
    @Points(3)
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

            Settle<List<String>> result = settle(all, inputs);
            if (result.pending()) {
                throw WAITED_FOR_ALL.report()
                        .saw("Inputs c and then a failed while b was still pending, and all(a, b, c) was still"
                                + " pending " + BOUND.toMillis() + " ms later.")
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
            inputs.complete("b", "B");
            inputs.fail("a", timedOut);

            Settle<List<Outcome<String>>> result = settle(settled, inputs);
            requireSettledNotFailed(result, "settled(a, b, c, d)", inputs);
            if (result.pending()) {
                throw NEVER_COMPLETED.report()
                        .saw("Every input had completed (two of them by failing), and settled(a, b, c, d) was still"
                                + " pending " + BOUND.toMillis() + " ms later.")
                        .detail(inputs.render())
                        .failure();
            }
            List<Outcome<String>> expected = List.of(Outcome.failure(timedOut), Outcome.success("B"),
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
                        .saw("Every input had completed, and settled(a, b, c) was still pending " + BOUND.toMillis()
                                + " ms later.")
                        .detail(inputs.render())
                        .failure();
            }
            judgeOutcomes(result.value(), List.of(Outcome.failure(refused), Outcome.success("B"), Outcome.success("C")),
                    "settled(a, b, c)", "a, c, b", inputs);
        } finally {
            release(inputs);
        }
    }

    // ---------------------------------------------------------------- edges and blocking

    @Test
    @Points(2)
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
        assertThat(Settle.within(Gather.all(done), BOUND).value())
                .as("all must work before its code is checked for blocking calls")
                .containsExactly("A", "B");
        Settle<List<Outcome<String>>> settled = Settle.within(Gather.settled(mixed), BOUND);
        if (settled.failed()) {
            throw FAILURE_ESCAPED.report()
                    .saw("settled(A, a failed input) failed with " + describe(settled.failure()) + ". It must work"
                            + " before its code is checked for blocking calls.")
                    .failure(settled.failure());
        }
        assertThat(settled.value())
                .as("settled must work before its code is checked for blocking calls")
                .containsExactly(Outcome.success("A"), Outcome.failure(broken));
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
            throw new AssertionError(what + " returned null instead of a CompletableFuture");
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

    private static <V> Settle<V> settle(CompletableFuture<V> result, ManualFutures<String> inputs) {
        Settle<V> settled = Settle.within(result, BOUND);
        inputs.step(settled.pending() ? "waited " + BOUND.toMillis() + " ms more" : "looked at the result");
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
                    .saw("Every input had completed, and " + what + " was still pending " + BOUND.toMillis()
                            + " ms later.")
                    .detail(inputs.render())
                    .failure();
        }
        if (settled.failed() && what.startsWith("settled")) {
            requireSettledNotFailed(settled, what, inputs);
        }
        return settled.value();
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
        throw FAILURE_ESCAPED.report()
                .saw(what + " failed with " + describe(result.failure()) + ". With return_exceptions semantics a"
                        + " failed input becomes a Failure in the list, and the list itself always arrives.")
                .detail(inputs.render())
                .failure(result.failure());
    }

    private static void requireCompleteAndEmpty(CompletableFuture<? extends List<?>> result, String what) {
        assertThat(result).as(what + " returned").isNotNull();
        if (!result.isDone()) {
            throw NEVER_COMPLETED.report()
                    .saw(what + " returned a pending future. With nothing to wait for, the empty list is ready at"
                            + " once: the future should already be complete.")
                    .failure();
        }
        assertThat(Settle.within(result, BOUND).value()).as(what).isEmpty();
    }

    /** Completes every input still pending, so code stuck waiting on them (on a test thread) can finish. */
    private static void release(ManualFutures<String> inputs) {
        inputs.completePending(name -> name.toUpperCase(java.util.Locale.ROOT));
    }

    /** Compares settled's list with the expected one and names the mistake behind any difference. */
    private static void judgeOutcomes(List<Outcome<String>> actual, List<Outcome<String>> expected, String what,
                                      String completionOrder, ManualFutures<String> inputs) {
        if (actual == null) {
            throw new AssertionError(what + " completed with null instead of a list of outcomes");
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
        assertThat(actual).as(compare).containsExactlyElementsOf(expected);
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
