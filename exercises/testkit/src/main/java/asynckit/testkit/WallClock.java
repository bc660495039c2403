package asynckit.testkit;

import java.time.Duration;

/**
 * The second signal: wall-clock time. A limit sits midway between how long right code takes and how
 * long the mistake takes, so neither a loaded machine (slower right code) nor a fast one (quicker
 * wrong code) crosses it easily; both durations come from {@link TimeScale}-scaled latencies, so the
 * one setting stretches them together. Use it only beside a deterministic oracle, and hand it that
 * oracle's evidence: a slow run whose evidence shows the right shape never fails.
 */
public final class WallClock {
    private WallClock() {}

    /** Midway between {@code right} and {@code wrong}. */
    public static Duration midway(Duration right, Duration wrong) {
        return right.plus(wrong).dividedBy(2);
    }

    /**
     * Fails with {@code mistake} unless {@code elapsed} is below the midway limit, or unless the timeline
     * itself proves the right shape: when every call of {@code timeline} was in flight at the same time,
     * a slow run is the machine's doing, not the code's, and nothing is named. {@code timeline} may be null.
     */
    public static void assertFasterThanMidway(Duration elapsed, Duration right, Duration wrong, Mistake mistake,
                                              Timeline timeline) {
        boolean overlapped = timeline != null && timeline.size() >= 2 && timeline.peak() == timeline.size();
        assertFasterThanMidway(elapsed, right, wrong, mistake, timeline, overlapped);
    }

    /**
     * Same, with the deterministic evidence given by the test: when {@code rightShape} is true (for example
     * the alarms rang shortest first, which only alarms set together do), a slow run never fails.
     */
    public static void assertFasterThanMidway(Duration elapsed, Duration right, Duration wrong, Mistake mistake,
                                              Timeline timeline, boolean rightShape) {
        Duration limit = midway(right, wrong);
        if (elapsed.compareTo(limit) < 0) {
            return;
        }
        if (rightShape) {
            System.err.println("note: this run took " + elapsed.toMillis() + " ms (limit " + limit.toMillis()
                    + " ms), but its timeline shows the right shape: the machine was busy; not counted against the code.");
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
