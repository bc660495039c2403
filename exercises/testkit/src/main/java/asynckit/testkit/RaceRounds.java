package asynckit.testkit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rounds of completions raced on a {@link Burst}, and the verdicts every such test gives. Round 0 is the
 * control: its completions run one by one on the calling thread, so a wrong result there is the code's
 * plain mistake, not a race. In every later round they run all at once on the burst's threads; a callback
 * that throws, or a result that differs from the control's, is a race, reported as {@code race} (and as
 * {@code unsafe}, with where the state is, when {@link SharedState} sees it). When every round came out
 * right, {@link #assertNoUnsafeState} still looks for the state that makes the race rare, not absent.
 *
 * <pre>{@code
 * try (RaceRounds rounds = RaceRounds.of(LOST_UPDATE, UNSAFE_SHARED_STATE, PageFetcher.class,
 *         "8 pages arrived", "every page arriving on one thread")) {
 *     for (int round = 0; round <= 100; round++) {
 *         ... call the code, collect one completion per call ...
 *         rounds.complete(round, completions, fetcher, "fetchAll");
 *         ... if the result is wrong: throw rounds.raced(round, fetcher, "fetchAll gave " + got + ".").failure();
 *     }
 *     rounds.assertNoUnsafeState(fetcher, "The results were right in every round, but ...");
 * }
 * }</pre>
 */
public final class RaceRounds implements AutoCloseable {
    private final Burst burst;
    private final Mistake race;
    private final Mistake unsafe;
    private final Class<?> anchor;
    private final String happened;
    private final String control;

    private RaceRounds(Mistake race, Mistake unsafe, Class<?> anchor, String happened, String control) {
        this.race = Objects.requireNonNull(race);
        this.unsafe = Objects.requireNonNull(unsafe);
        this.anchor = Objects.requireNonNull(anchor);
        this.happened = happened;
        this.control = control;
        this.burst = Burst.of(2);
    }

    /**
     * Rounds on two completer threads.
     *
     * @param race      the mistake a wrong raced round shows (a lost update)
     * @param unsafe    the mistake of state shared without protection (named too when it is seen)
     * @param anchor    a production class of the exercise: its package is searched for that state
     * @param happened  what a round does, as "8 pages arrived" ("... at the same instant on 2 threads")
     * @param control   the control round, as "every page arriving on one thread" ("With ... it was right")
     */
    public static RaceRounds of(Mistake race, Mistake unsafe, Class<?> anchor, String happened, String control) {
        return new RaceRounds(race, unsafe, anchor, happened, control);
    }

    /**
     * Runs a round's completions: in round 0 one by one on this thread, later all at the same instant on the
     * completer threads. A callback that throws in a raced round fails the test as a race of {@code whose}
     * callbacks ("fetchAll", "the handler"); in round 0 its exception propagates as it is.
     */
    public void complete(int round, List<Runnable> completions, Object instance, String whose) {
        if (round == 0) {
            completions.forEach(Runnable::run);
            return;
        }
        try {
            burst.fire(completions);
        } catch (RuntimeException e) {
            throw raced(round, instance, "a callback of " + whose + " threw " + e + ".", false).failure(e);
        }
    }

    /**
     * The report for a raced round that came out wrong: "In round N, 8 pages arrived at the same instant on 2
     * threads, and {@code outcome}", then that the control round was right. Add expected and actual values
     * where there are some, then {@code failure()}.
     */
    public Teach.Report raced(int round, Object instance, String outcome) {
        return raced(round, instance, outcome, true);
    }

    private Teach.Report raced(int round, Object instance, String outcome, boolean controlWasRight) {
        String saw = "In round " + round + ", " + happened + " at the same instant on " + burst.threads()
                + " threads, and " + outcome;
        if (controlWasRight) {
            saw += "\nWith " + control + " it was right: the callbacks trod on each other's updates only when they"
                    + " ran at the same moment on different threads.";
        }
        return SharedState.raceReport(race, unsafe, anchor, instance).saw(saw);
    }

    /**
     * The report for a raced round whose results came back whole but in the order they completed: "In round N,
     * 8 pages arrived at the same instant on 2 threads, in no particular order, and {@code outcome}", as
     * {@code order} (the gather-in-completion-order mistake), not as a race.
     */
    public Teach.Report inCompletionOrder(Mistake order, int round, String outcome) {
        return order.report().saw("In round " + round + ", " + happened + " at the same instant on "
                + burst.threads() + " threads, in no particular order, and " + outcome);
    }

    /**
     * "never completed.", "failed with X." or "gave V.": what a settled result of a raced round did;
     * {@code shown} (how to show its value) is asked only when it completed normally.
     */
    public static String outcome(Settle<?> settled, java.util.function.Supplier<?> shown) {
        return settled.pending() ? "never completed."
                : settled.failed() ? "failed with " + settled.failure() + "." : "gave " + shown.get() + ".";
    }

    /**
     * Whether {@code got} holds exactly {@code expected}'s elements, as many times each, in another order: the
     * results were gathered in the order they completed, not in the order of the inputs.
     */
    public static boolean reordered(List<?> got, List<?> expected) {
        if (got == null || got.size() != expected.size() || got.equals(expected)) {
            return false;
        }
        Map<Object, Integer> counts = new HashMap<>();
        expected.forEach(e -> counts.merge(e, 1, Integer::sum));
        got.forEach(g -> counts.merge(g, -1, Integer::sum));
        return counts.values().stream().allMatch(c -> c == 0);
    }

    /**
     * After every round came out right: fails with {@code unsafe} when the code still keeps state that
     * callbacks would share without protection (see {@link SharedState#assertNone}).
     */
    public void assertNoUnsafeState(Object instance, String situation) {
        SharedState.assertNone(unsafe, anchor, instance, situation);
    }

    @Override
    public void close() {
        burst.close();
    }
}
