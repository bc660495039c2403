// Known-wrong: folds the inputs with thenCompose. The inputs still run together, but the chain looks
// at them one by one in list order: a failure is heard only once every input before it has succeeded,
// and of two failures the one earlier in the list wins, not the one that happened first.
// expect-mistake: waited-for-all
// expect-mistake: wrong-failure
package asynckit.ex03;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

public final class Gather {
    private Gather() {}

    public static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
        CompletableFuture<List<T>> chain = CompletableFuture.completedFuture(new ArrayList<>());
        for (CompletableFuture<T> input : futures) {
            chain = chain.thenCompose(values -> input.thenApply(value -> {
                values.add(value);
                return values;
            }));
        }
        return chain;
    }

    public static <T> CompletableFuture<List<Outcome<T>>> settled(List<CompletableFuture<T>> futures) {
        List<CompletableFuture<Outcome<T>>> outcomes = futures.stream()
                .map(input -> input.handle((value, error) -> error == null ? Outcome.success(value)
                        : Outcome.<T>failure(error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error)))
                .toList();
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApply(done -> outcomes.stream().map(CompletableFuture::resultNow).toList());
    }
}
