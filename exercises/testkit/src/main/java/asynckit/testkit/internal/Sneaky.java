package asynckit.testkit.internal;

/** Rethrows a learner's exception unchanged, checked or not, so the test fails with its own message. */
public final class Sneaky {
    private Sneaky() {}

    public static RuntimeException rethrow(Throwable t) {
        Sneaky.<RuntimeException>raise(t);
        return new IllegalStateException("unreachable");
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void raise(Throwable t) throws E {
        throw (E) t;
    }
}
