// Known-wrong: "run it on the loop, like asyncio": inRingingOrder hands the loop one task that sets every
// alarm and joins them one by one. The alarms need the loop to ring, and the loop is parked in join.
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
        loop.schedule(() -> alarm.complete(label), delay.toNanos(), TimeUnit.NANOSECONDS);
        return alarm;
    }

    public CompletableFuture<List<String>> inRingingOrder(Map<String, Duration> alarms) {
        CompletableFuture<List<String>> list = new CompletableFuture<>();
        loop.execute(() -> {
            List<CompletableFuture<String>> set = new ArrayList<>();
            alarms.forEach((label, delay) -> set.add(after(delay, label)));
            list.complete(set.stream().map(CompletableFuture::join).toList());
        });
        return list;
    }
}
