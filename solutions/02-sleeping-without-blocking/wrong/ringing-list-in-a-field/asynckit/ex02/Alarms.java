// Known-wrong: the ringing list kept in a field (Python's self.rang): thread-safe, but shared by
// every call, so a second inRingingOrder lists the labels of the first call too.
// expect-mistake: mixed-calls
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
    private final List<String> rang = Collections.synchronizedList(new ArrayList<>());

    public Alarms(ScheduledExecutorService loop) {
        this.loop = loop;
    }

    public CompletableFuture<String> after(Duration delay, String label) {
        CompletableFuture<String> alarm = new CompletableFuture<>();
        loop.schedule(() -> alarm.complete(label), delay.toNanos(), TimeUnit.NANOSECONDS);
        return alarm;
    }

    public CompletableFuture<List<String>> inRingingOrder(Map<String, Duration> alarms) {
        CompletableFuture<?>[] all = alarms.entrySet().stream()
                .map(alarm -> after(alarm.getValue(), alarm.getKey()).thenAccept(rang::add))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(all).thenApply(done -> List.copyOf(rang));
    }
}
