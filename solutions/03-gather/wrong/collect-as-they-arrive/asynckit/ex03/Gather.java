// Known-wrong: non-blocking and fails fast, but appends each result in a callback, so the lists
// follow the order the inputs completed in, not the order they were given in.
// expect-mistake: completion-order
package asynckit.ex03;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

public final class Gather {
    private Gather() {}

    public static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
        List<T> values = new CopyOnWriteArrayList<>();
        CompletableFuture<List<T>> gathered = new CompletableFuture<>();
        CompletableFuture<?>[] each = futures.stream()
                .map(input -> input.whenComplete((value, error) -> {
                    if (error != null) {
                        gathered.completeExceptionally(error);
                    } else {
                        values.add(value);
                    }
                }))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(each).thenRun(() -> gathered.complete(List.copyOf(values)));
        return gathered;
    }

    public static <T> CompletableFuture<List<Outcome<T>>> settled(List<CompletableFuture<T>> futures) {
        List<Outcome<T>> outcomes = new CopyOnWriteArrayList<>();
        CompletableFuture<?>[] each = futures.stream()
                .map(input -> input.handle((value, error) -> outcomes.add(error == null ? Outcome.success(value)
                        : Outcome.<T>failure(error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error))))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(each).thenApply(done -> List.copyOf(outcomes));
    }
}
