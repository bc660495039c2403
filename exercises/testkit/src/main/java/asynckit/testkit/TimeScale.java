package asynckit.testkit;

import java.time.Duration;

/**
 * One setting that stretches every simulated latency and every wall-clock limit of the kit.
 *
 * <p>Slow or heavily shared machines can set {@code -Dkit.timeScale=3} (or the environment variable
 * {@code KIT_TIME_SCALE=3}): latencies and limits grow together, so a check keeps telling concurrent
 * code from sequential code while every absolute margin triples.
 */
public final class TimeScale {
    private static final double FACTOR = readFactor();

    private TimeScale() {}

    /** {@code millis} milliseconds, stretched by the factor. */
    public static Duration millis(long millis) {
        return Duration.ofNanos(Math.round(millis * 1_000_000L * FACTOR));
    }

    private static double readFactor() {
        String raw = System.getProperty("kit.timeScale");
        if (raw == null || raw.isBlank()) {
            raw = System.getenv("KIT_TIME_SCALE");
        }
        if (raw == null || raw.isBlank()) {
            return 1.0;
        }
        try {
            double value = Double.parseDouble(raw.trim());
            if (value >= 0.1 && value <= 100) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(
                "kit.timeScale must be a number from 0.1 to 100 (for example -Dkit.timeScale=2), not '" + raw + "'");
    }
}
