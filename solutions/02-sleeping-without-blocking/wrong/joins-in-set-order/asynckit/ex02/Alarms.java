// Known-wrong: sets every alarm at once, then lets a pool thread join them in the order they were
// set: the alarms ring b, c, a, but the list says a, b, c, and it is completed by a pool thread that
// sat waiting for the longest alarm.
// expect-mistake: not-ringing-order
// expect-mistake: off-the-loop
// expect-mistake: blocking-wait-on-future
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
        loop.schedule(() -> alarm.complete(label), delay.toNanos(), TimeUnit.NANOSECONDS);
        return alarm;
    }

    public CompletableFuture<List<String>> inRingingOrder(Map<String, Duration> alarms) {
        List<CompletableFuture<String>> set = alarms.entrySet().stream()
                .map(alarm -> after(alarm.getValue(), alarm.getKey()))
                .toList();
        if (set.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return CompletableFuture.supplyAsync(() -> set.stream().map(CompletableFuture::join).toList());
    }
}
