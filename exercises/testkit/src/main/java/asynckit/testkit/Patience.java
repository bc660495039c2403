package asynckit.testkit;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * How long one run of a test class waits for the futures the learner's code returns. Every wait gets the
 * full bound until one of them runs it out with the future still pending although everything it needed
 * had arrived: from then on this run's code is proven to leave such futures pending, and each later wait
 * gives up after a quarter of the bound. Each test still judges by what it sees itself (its own future,
 * still pending), and its message says what the earlier wait proved; right code never runs a bound out,
 * so it always gets the full bound.
 *
 * <pre>{@code
 * private static final Patience PATIENCE = Patience.of(TimeScale.millis(2_000));   // one per test class
 * List<String> pages = PATIENCE.settle(result, "fetchAll(a, b, c)").value(NEVER_COMPLETED, WRONG_FAILURE, "fetchAll(a, b, c)");
 * }</pre>
 *
 * <p>Keep it in a static field of the test class: a test class is loaded afresh for every run (the
 * launcher, the grader and the self-test each give a run its own class loader), so a proof never outlives
 * the code it is about.
 */
public final class Patience {
    private final Duration bound;
    private final Duration shortened;
    private volatile String proof;

    private Patience(Duration bound) {
        this.bound = bound;
        this.shortened = bound.dividedBy(4);
    }

    public static Patience of(Duration bound) {
        return new Patience(bound);
    }

    /** The bound the next wait gets: the full one, or a quarter of it once the code is proven to leave futures pending. */
    public Duration bound() {
        return proof == null ? bound : shortened;
    }

    /** What proved the code leaves futures pending (e.g. {@code fetchAll(a, b, c) was still pending after 2000 ms}), or null. */
    public String proof() {
        return proof;
    }

    /**
     * Waits for something the code should do by itself (a call it should make), with the same rule:
     * {@code waitFor} is given the bound and says whether it happened within it. A full wait in vain is the
     * proof for the waits after it.
     */
    public boolean await(String what, java.util.function.Predicate<Duration> waitFor) {
        boolean proven = proof != null;
        if (waitFor.test(proven ? shortened : bound)) {
            return true;
        }
        if (!proven) {
            proof = what + " did not happen within " + bound.toMillis() + " ms";
        }
        return false;
    }

    /**
     * Waits for {@code stage} as {@link Settle#within(CompletionStage, Duration)} does, for {@link #bound()}.
     * Call it only once everything the stage needs has arrived. A full wait that ends pending is the proof
     * for the waits after it; a shortened one says in its message what was proven before.
     */
    public <T> Settle<T> settle(CompletionStage<T> stage, String what) {
        String proven = proof;
        Settle<T> settled = Settle.within(stage, proven == null ? bound : shortened);
        if (!settled.pending()) {
            return settled;
        }
        if (proven == null) {
            proof = what + " was still pending after " + bound.toMillis() + " ms";
            return settled;
        }
        return settled.because("an earlier check of this code had already waited " + bound.toMillis() + " ms in"
                + " vain: " + proven);
    }
}
