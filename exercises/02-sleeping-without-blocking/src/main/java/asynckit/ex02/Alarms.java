package asynckit.ex02;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Exercise 02: sleeping without blocking. Read exercises/02-sleeping-without-blocking/README.md first.
 *
 * <p>Every alarm runs on {@code loop}, a single-threaded scheduler: the one thread that all the
 * alarms share, like an asyncio event loop.
 */
public final class Alarms {
    private final ScheduledExecutorService loop;

    public Alarms(ScheduledExecutorService loop) {
        this.loop = loop;
    }

    /**
     * An alarm: a future that completes with {@code label} once {@code delay} has passed, completed on
     * the loop thread. Returns at once; no thread waits in the meantime.
     */
    public CompletableFuture<String> after(Duration delay, String label) {
        throw new UnsupportedOperationException(
                "Not written yet: Alarms.after. See exercises/02-sleeping-without-blocking/README.md, 'Your task'.");
    }

    /**
     * Sets every alarm at once (label to delay) and completes with the labels in the order the alarms rang.
     */
    public CompletableFuture<List<String>> inRingingOrder(Map<String, Duration> alarms) {
        throw new UnsupportedOperationException(
                "Not written yet: Alarms.inRingingOrder. See exercises/02-sleeping-without-blocking/README.md, 'Your task'.");
    }
}
