// Known-wrong: no sleep call at all, but the loop thread spins until the deadline (busy-waiting).
// The static rule cannot see this; the loop watchdog can.
// expect-mistake: blocked-the-loop
package asynckit.ex02;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

public final class Alarms {
    private final ScheduledExecutorService loop;

    public Alarms(ScheduledExecutorService loop) {
        this.loop = loop;
    }


    public CompletableFuture<String> after(Duration delay, String label) {
        CompletableFuture<String> alarm = new CompletableFuture<>();
        long deadline = System.nanoTime() + delay.toNanos();
        loop.execute(() -> {
            while (System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            alarm.complete(label);
        });
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
