package asynckit.testkit;

import java.time.Duration;

/**
 * The deterministic concurrency oracle: a service guarded by a rendezvous holds every call until
 * {@code parties} calls are in flight together, then lets them all through (and every later call).
 * Code that waits for one call before starting the next can never get there, whatever the machine's
 * speed; after {@code bound} the held calls fail with {@link NotConcurrentException}.
 *
 * @param parties how many calls must be in flight together
 * @param bound   how long a call may wait for the others (generous: it only matters for wrong code)
 */
public record Rendezvous(int parties, Duration bound) {

    /** The default bound: 2 seconds, scaled by {@link TimeScale}. */
    public static Rendezvous of(int parties) {
        return new Rendezvous(parties, TimeScale.millis(2_000));
    }

    public Rendezvous {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be at least 1");
        }
    }

    String explain(String service, int reached) {
        return "service '" + service + "' answers only when " + parties + " calls are in flight together; after "
                + bound.toMillis() + " ms only " + reached + " had been";
    }
}
