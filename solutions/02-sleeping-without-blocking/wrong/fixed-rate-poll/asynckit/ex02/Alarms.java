// Known-wrong: polls instead of scheduling: each alarm checks the clock every millisecond with
// scheduleAtFixedRate and cancels itself when due. Cheap per tick, but the loop wakes up hundreds of
// times per alarm for nothing.
// expect-mistake: kept-the-loop-busy
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
        CompletableFuture<String> alarm = new CompletableFuture<>();
        long due = System.nanoTime() + delay.toNanos();
        AtomicReference<ScheduledFuture<?>> ticking = new AtomicReference<>();
        ticking.set(loop.scheduleAtFixedRate(() -> {
            if (System.nanoTime() >= due && alarm.complete(label)) {
                ticking.get().cancel(false);
            }
        }, 0, 1, TimeUnit.MILLISECONDS));
        return alarm;
    }

    public CompletableFuture<List<String>> inRingingOrder(Map<String, Duration> alarms) {
        List<String> rang = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<?>[] all = alarms.entrySet().stream()
                .map(alarm -> after(alarm.getValue(), alarm.getKey()).thenAccept(rang::add))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(all).thenApply(done -> List.copyOf(rang));
    }
}
