// Known-wrong: turns each failure into a null value with exceptionally(e -> null). The list always
// arrives, but a failed input looks like a success whose value is null: the error is gone.
// expect-mistake: lost-failure
package asynckit.ex03;

import java.util.List;
import java.util.concurrent.CompletableFuture;

public final class Gather {
    private Gather() {}

    public static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
        CompletableFuture<List<T>> gathered = new CompletableFuture<>();
        for (CompletableFuture<T> input : futures) {
            input.whenComplete((value, error) -> {
                if (error != null) {
                    gathered.completeExceptionally(error);
                }
            });
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenRun(() -> gathered.complete(futures.stream().map(CompletableFuture::resultNow).toList()));
        return gathered;
    }

    public static <T> CompletableFuture<List<Outcome<T>>> settled(List<CompletableFuture<T>> futures) {
        List<CompletableFuture<T>> safe = futures.stream().map(input -> input.exceptionally(error -> null)).toList();
        return CompletableFuture.allOf(safe.toArray(CompletableFuture[]::new))
                .thenApply(done -> safe.stream().map(input -> Outcome.success(input.resultNow())).toList());
    }
}
