// Known-wrong: hand-completed futures with a countdown, but settled counts down only in thenAccept,
// which never runs for a failed input: once an input fails the count never reaches zero. And with no
// inputs at all nothing ever counts down, so neither method completes.
// expect-mistake: never-completed
package asynckit.ex03;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

public final class Gather {
    private Gather() {}

    public static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
        CompletableFuture<List<T>> gathered = new CompletableFuture<>();
        AtomicInteger left = new AtomicInteger(futures.size());
        for (CompletableFuture<T> input : futures) {
            input.whenComplete((value, error) -> {
                if (error != null) {
                    gathered.completeExceptionally(error);
                } else if (left.decrementAndGet() == 0) {
                    gathered.complete(futures.stream().map(CompletableFuture::resultNow).toList());
                }
            });
        }
        return gathered;
    }

    public static <T> CompletableFuture<List<Outcome<T>>> settled(List<CompletableFuture<T>> futures) {
        CompletableFuture<List<Outcome<T>>> gathered = new CompletableFuture<>();
        AtomicInteger left = new AtomicInteger(futures.size());
        for (CompletableFuture<T> input : futures) {
            input.thenAccept(value -> {
                if (left.decrementAndGet() == 0) {
                    List<Outcome<T>> outcomes = new ArrayList<>();
                    for (CompletableFuture<T> f : futures) {
                        outcomes.add(f.isCompletedExceptionally() ? Outcome.failure(f.exceptionNow())
                                : Outcome.success(f.resultNow()));
                    }
                    gathered.complete(outcomes);
                }
            });
        }
        return gathered;
    }
}
