package asynckit.testkit;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Checks that a method returns at once instead of blocking its caller: the call runs on a fresh daemon
 * thread named {@code caller}, watched by the lesson's {@link ThreadWatch}. A caller held inside the
 * learner's code (a join, a get, a sleep, a spin) fails the test as soon as it is seen; one that has simply
 * not returned fails after the bound. Pair it with a {@link ManualService} whose calls stay pending: then a
 * blocking method cannot return at all, and the check is deterministic rather than a race.
 */
public final class Returns {
    /** The default bound: one second, scaled. Correct code returns in microseconds. */
    public static final Duration BOUND = TimeScale.millis(1_000);

    private Returns() {}

    public static <T> T promptly(Mistake mistake, String call, Callable<T> action) {
        return promptly(mistake, call, BOUND, action, null);
    }

    /** As {@link #promptly(Mistake, String, Callable)}, drawing {@code timeline} in the failure. */
    public static <T> T promptly(Mistake mistake, String call, Timeline timeline, Callable<T> action) {
        return promptly(mistake, call, BOUND, action, timeline);
    }

    /** The learner's code is the classes the mistake's lesson names (see {@link ThreadWatch#promptly}). */
    public static <T> T promptly(Mistake mistake, String call, Duration bound, Callable<T> action, Timeline timeline) {
        return ThreadWatch.of(mistake.lesson()).promptly(mistake, call, bound, action, timeline);
    }
}
