// Known-wrong: settled written like all: allOf then read every value. One failed input fails the
// whole list, which is exactly what return_exceptions=True is there to prevent.
// expect-mistake: failure-escaped
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
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(done -> futures.stream()
                        .map(input -> Outcome.success(input.resultNow()))
                        .toList());
    }
}
