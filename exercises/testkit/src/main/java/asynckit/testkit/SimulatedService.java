package asynckit.testkit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every simulated service shares: a name, latencies (a default and per key), an optional
 * {@link Rendezvous}, and the {@link Timeline} of its calls.
 *
 * @param <S> the concrete service, so configuration calls chain
 */
public abstract class SimulatedService<S extends SimulatedService<S>> {
    private final String name;
    private final Timeline timeline = new Timeline();
    private final Map<String, Duration> latencies = new ConcurrentHashMap<>();
    private volatile Duration defaultLatency = TimeScale.millis(100);
    private volatile Rendezvous rendezvous;

    SimulatedService(String name) {
        this.name = name;
    }

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /** The latency of every call without a latency of its own (default: 100 ms, scaled). */
    public S latency(Duration latency) {
        this.defaultLatency = latency;
        return self();
    }

    /** The latency of calls with this key. */
    public S latency(String key, Duration latency) {
        latencies.put(key, latency);
        return self();
    }

    /** Holds every call until the rendezvous is reached (see {@link Rendezvous}). */
    public S rendezvous(Rendezvous rendezvous) {
        this.rendezvous = rendezvous;
        return self();
    }

    public String name() {
        return name;
    }

    public Timeline timeline() {
        return timeline;
    }

    public Duration latencyOf(String key) {
        return latencies.getOrDefault(key, defaultLatency);
    }

    /** The rendezvous in force, or null. */
    protected Rendezvous rendezvous() {
        return rendezvous;
    }

    /** The timeline label of a call with this key. */
    protected String label(String key) {
        return name + "(" + key + ")";
    }
}
