// Right, in another style: CompletableFuture.delayedExecutor(delay, unit, loop) runs the alarm on the
// loop once the delay has passed; the list is built with handle() and allOf.
package asynckit.ex02;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

public final class Alarms {
    private final ScheduledExecutorService loop;

    public Alarms(ScheduledExecutorService loop) {
        this.loop = loop;
    }

    public CompletableFuture<String> after(Duration delay, String label) {
        return CompletableFuture.supplyAsync(() -> label,
                CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, loop));
    }

    public CompletableFuture<List<String>> inRingingOrder(Map<String, Duration> alarms) {
        List<String> rang = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<?>[] all = alarms.entrySet().stream()
                .map(alarm -> after(alarm.getValue(), alarm.getKey()).handle((label, error) -> rang.add(label)))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(all).thenApply(done -> List.copyOf(rang));
    }
}
