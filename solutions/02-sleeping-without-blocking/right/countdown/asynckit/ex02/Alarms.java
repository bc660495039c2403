// Right, in another style: one scheduled task per alarm that completes its future; inRingingOrder
// counts down with an AtomicInteger and collects into a ConcurrentLinkedQueue, no allOf.
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
        CompletableFuture<List<String>> list = new CompletableFuture<>();
        java.util.Queue<String> rang = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(alarms.size());
        if (alarms.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        for (Map.Entry<String, Duration> alarm : alarms.entrySet()) {
            after(alarm.getValue(), alarm.getKey()).whenComplete((label, error) -> {
                rang.add(label);
                if (left.decrementAndGet() == 0) {
                    list.complete(List.copyOf(rang));
                }
            });
        }
        return list;
    }
}
