// Right, in another style: the ...Async steps, each given the loop as its executor: the alarm is a
// supplyAsync on delayedExecutor(loop), the label is recorded with thenAcceptAsync(loop), and the list is
// made with thenApplyAsync(loop). More tasks on the loop, but every one of them short.
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
        return CompletableFuture.supplyAsync(() -> label,
                CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, loop));
    }

    public CompletableFuture<List<String>> inRingingOrder(Map<String, Duration> alarms) {
        List<String> rang = new ArrayList<>();   // touched only by tasks on the one loop thread
        CompletableFuture<?>[] all = alarms.entrySet().stream()
                .map(alarm -> after(alarm.getValue(), alarm.getKey()).thenAcceptAsync(rang::add, loop))
                .toArray(CompletableFuture[]::new);
        if (all.length == 0) {
            return CompletableFuture.completedFuture(List.of());
        }
        return CompletableFuture.allOf(all).thenApplyAsync(done -> List.copyOf(rang), loop);
    }
}
