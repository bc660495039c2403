package asynckit.testkit.internal;

import java.time.Duration;

/**
 * A bound on a wait that counts only the time the waiting thread could run: the waiter sleeps in short slices,
 * and whatever a slice overruns (the thread was ready but got no CPU, or the JVM was stopped for a collection)
 * is added to the deadline, up to {@link #STRETCH} times the bound on the clock. A busy machine delays the code
 * under test as it delays the waiter, so a wait that measures the waiter's lateness gives that code its own time
 * instead of failing it for the machine's (the idea of a hiccup meter). On an idle machine it is the plain bound.
 */
public final class OwnTime {
    /** The longest a wait may be stretched on the clock: this many times its bound. */
    public static final int STRETCH = 3;
    /** A slice's overrun below this is the timer's own slack, not the machine's doing. */
    private static final long SLACK_NANOS = 200_000;

    private final long bound;
    private final long start;
    private final long latest;
    private long late;

    private OwnTime(long bound) {
        this.bound = Math.max(0, bound);
        this.start = System.nanoTime();
        this.latest = start + STRETCH * this.bound;
    }

    public static OwnTime of(Duration bound) {
        return new OwnTime(bound.toNanos());
    }

    /** Nanoseconds left of the bound (lateness added, never past {@link #STRETCH} times it); 0 or less when used up. */
    public long left() {
        long now = System.nanoTime();
        return Math.min(start + bound + late, latest) - now;
    }

    /** Records one slice that began at {@code beganNanos} and asked to sleep {@code askedNanos}. */
    public void slept(long beganNanos, long askedNanos) {
        long over = System.nanoTime() - beganNanos - askedNanos;
        if (over > SLACK_NANOS) {
            late += over;
        }
    }

    /** Time on the clock since the wait began. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** How much the machine's delays stretched the wait so far. */
    public Duration late() {
        return Duration.ofNanos(late);
    }
}
