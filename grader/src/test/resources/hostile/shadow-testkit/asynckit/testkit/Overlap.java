package asynckit.testkit;

/** Hostile: a copy of the testkit's oracle that never fails, meant to be found before the real one. */
public final class Overlap {
    private Overlap() {}

    public static void assertPeakAtLeast(Timeline timeline, int expected, Mistake mistake, String what) {
        // every overlap is good enough
    }
}
