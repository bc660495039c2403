// Known-wrong: sleeps on a common-pool thread instead of scheduling on the loop.
// expect-mistake: off-the-loop
// expect-mistake: blocking-sleep
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
        return CompletableFuture.supplyAsync(() -> {
            try {
                TimeUnit.NANOSECONDS.sleep(delay.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return label;
        });
    }

    public CompletableFuture<List<String>> inRingingOrder(Map<String, Duration> alarms) {
        List<String> rang = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<?>[] all = alarms.entrySet().stream()
                .map(alarm -> after(alarm.getValue(), alarm.getKey()).thenAccept(rang::add))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(all).thenApply(done -> List.copyOf(rang));
    }
}
