package asynckit.testkit;

/** Assertions on how many calls a timeline had in flight together. */
public final class Overlap {
    private Overlap() {}

    /** Fails with {@code mistake} unless at least {@code expected} calls were ever in flight together. */
    public static void assertPeakAtLeast(Timeline timeline, int expected, Mistake mistake, String what) {
        int peak = timeline.peak();
        if (peak >= expected) {
            return;
        }
        throw mistake.report()
                .saw(what + " never had more than " + peak + " call" + (peak == 1 ? "" : "s") + " in flight; "
                        + expected + " should have been in flight together.")
                .timeline(timeline)
                .failure();
    }
}
