// Known-wrong: short naps instead of one long sleep: each alarm is a task that sleeps 1 ms and puts
// itself back on the loop until it is due. No single nap is long enough to look like blocking, but
// together they keep the loop parked most of the time.
// expect-mistake: blocked-the-loop
// expect-mistake: blocking-sleep
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
                    return;
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    alarm.completeExceptionally(e);
                    return;
                }
                loop.execute(this);
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
