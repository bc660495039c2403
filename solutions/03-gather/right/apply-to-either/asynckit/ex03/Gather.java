// Right, in another style: streams all the way. all races allOf's values against a future that the
// first failure completes (applyToEither); settled maps every input to an outcome with handle first.
package asynckit.ex03;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

public final class Gather {
    private Gather() {}

    public static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
        CompletableFuture<List<T>> firstFailure = new CompletableFuture<>();
        futures.forEach(input -> input.exceptionally(error -> {
            firstFailure.completeExceptionally(unwrap(error));
            return null;
        }));
        CompletableFuture<List<T>> values = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(done -> futures.stream().map(CompletableFuture::resultNow).toList());
        return values.applyToEither(firstFailure, Function.identity());
    }

    public static <T> CompletableFuture<List<Outcome<T>>> settled(List<CompletableFuture<T>> futures) {
        List<CompletableFuture<Outcome<T>>> outcomes = futures.stream()
                .map(input -> input.<Outcome<T>>handle((value, error) ->
                        error == null ? Outcome.success(value) : Outcome.failure(unwrap(error))))
                .toList();
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApply(done -> outcomes.stream().map(CompletableFuture::resultNow).toList());
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
