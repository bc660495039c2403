// Known-wrong: no sleep and no long task: each alarm is a tiny task that checks the clock and, if the
// alarm is not due yet, puts itself back on the loop. No single task blocks, but the loop runs
// hundreds of thousands of them and burns a core for as long as any alarm waits.
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
        loop.execute(new Runnable() {
            @Override
            public void run() {
                if (System.nanoTime() >= due) {
                    alarm.complete(label);
                } else {
                    loop.execute(this);
                }
            }
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
