// Right, in another style: state confined to the loop. Every alarm rings on the one loop thread, so a
// plain ArrayList and a plain counter touched only from the alarms' tasks need no lock; the last alarm
// to ring completes the list.
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
        loop.schedule(() -> {
            alarm.complete(label);
            return label;
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
        return alarm;
    }

    public CompletableFuture<List<String>> inRingingOrder(Map<String, Duration> alarms) {
        CompletableFuture<List<String>> list = new CompletableFuture<>();
        if (alarms.isEmpty()) {
            list.complete(List.of());
            return list;
        }
        List<String> rang = new ArrayList<>();
        int[] left = {alarms.size()};
        alarms.forEach((label, delay) -> after(delay, label).thenAccept(ringing -> {
            rang.add(ringing);           // on the loop thread, like every other alarm
            if (--left[0] == 0) {
                list.complete(List.copyOf(rang));
            }
        }));
        return list;
    }
}
