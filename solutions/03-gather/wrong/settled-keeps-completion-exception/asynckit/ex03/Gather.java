// Known-wrong: handle((value, error) -> ...) without unwrapping. Right for an input that failed by
// itself, but an input that is a dependent stage (source.thenApply(...)) reports its source's error
// wrapped in a CompletionException, and the Failure keeps the wrapper.
// expect-mistake: wrapped-error
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
        List<CompletableFuture<Outcome<T>>> outcomes = futures.stream()
                .map(input -> input.handle((value, error) ->
                        error == null ? Outcome.success(value) : Outcome.<T>failure(error)))
                .toList();
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApply(done -> outcomes.stream().map(CompletableFuture::resultNow).toList());
    }
}
