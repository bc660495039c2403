package asynckit.testkit;

import java.time.Duration;

/**
 * The second signal: wall-clock time. A limit sits midway between how long right code takes and how
 * long the mistake takes, so neither a loaded machine (slower right code) nor a fast one (quicker
 * wrong code) crosses it easily; both durations come from {@link TimeScale}-scaled latencies, so the
 * one setting stretches them together. Use it only beside a deterministic oracle.
 */
public final class WallClock {
    private WallClock() {}

    /** Midway between {@code right} and {@code wrong}. */
    public static Duration midway(Duration right, Duration wrong) {
        return right.plus(wrong).dividedBy(2);
    }

    /** Fails with {@code mistake} unless {@code elapsed} is below the midway limit; {@code timeline} may be null. */
    public static void assertFasterThanMidway(Duration elapsed, Duration right, Duration wrong, Mistake mistake,
                                              Timeline timeline) {
        Duration limit = midway(right, wrong);
        if (elapsed.compareTo(limit) < 0) {
            return;
        }
        Teach.Report report = mistake.report()
                .saw("It took " + elapsed.toMillis() + " ms. Right code takes about " + right.toMillis()
                        + " ms here, and this mistake about " + wrong.toMillis() + " ms; the limit is midway, "
                        + limit.toMillis() + " ms.\n(On a very slow machine, stretch every latency and limit"
                        + " together with -Dkit.timeScale=2.)");
        if (timeline != null) {
            report.timeline(timeline);
        }
        throw report.failure();
    }
}
