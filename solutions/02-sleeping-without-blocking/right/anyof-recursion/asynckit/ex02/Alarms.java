// Right, in another style: recursion over anyOf. Every alarm is set first; each step waits (without
// blocking) for whichever pending alarm rings next, appends the labels that have rung, and recurses on the
// rest. Every step runs on the loop, where the alarm that woke it rang.
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
        loop.schedule(() -> alarm.complete(label), delay.toNanos(), TimeUnit.NANOSECONDS);
        return alarm;
    }

    public CompletableFuture<List<String>> inRingingOrder(Map<String, Duration> alarms) {
        List<CompletableFuture<String>> set = alarms.entrySet().stream()
                .map(alarm -> after(alarm.getValue(), alarm.getKey()))
                .toList();
        return next(set, List.of());
    }

    private static CompletableFuture<List<String>> next(List<CompletableFuture<String>> pending, List<String> rang) {
        if (pending.isEmpty()) {
            return CompletableFuture.completedFuture(rang);
        }
        return CompletableFuture.anyOf(pending.toArray(CompletableFuture[]::new)).thenCompose(first -> {
            List<String> now = new ArrayList<>(rang);
            pending.stream().filter(CompletableFuture::isDone).map(CompletableFuture::resultNow).forEach(now::add);
            return next(pending.stream().filter(alarm -> !alarm.isDone()).toList(), List.copyOf(now));
        });
    }
}
