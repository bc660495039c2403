// Known-wrong: each alarm is set only when the previous one has rung (a thenCompose chain).
// expect-mistake: one-at-a-time
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
        CompletableFuture<List<String>> chain = CompletableFuture.completedFuture(new ArrayList<>());
        for (Map.Entry<String, Duration> alarm : alarms.entrySet()) {
            chain = chain.thenCompose(rang -> after(alarm.getValue(), alarm.getKey()).thenApply(label -> {
                rang.add(label);
                return rang;
            }));
        }
        return chain;
    }
}
