// Known-wrong: "one missing value should not break the page": all turns each failed input into null
// with exceptionally(e -> null), then waits for all of them. A failure never fails the result; once the
// other inputs are in, it completes normally with a null where the failure was.
// expect-mistake: lost-failure
package asynckit.ex03;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

public final class Gather {
    private Gather() {}

    public static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
        List<CompletableFuture<T>> safe = futures.stream().map(input -> input.exceptionally(error -> null)).toList();
        return CompletableFuture.allOf(safe.toArray(CompletableFuture[]::new))
                .thenApply(done -> safe.stream().map(CompletableFuture::resultNow).toList());
    }

    public static <T> CompletableFuture<List<Outcome<T>>> settled(List<CompletableFuture<T>> futures) {
        List<CompletableFuture<Outcome<T>>> outcomes = futures.stream()
                .map(input -> input.handle((value, error) ->
                        error == null ? Outcome.success(value) : Outcome.<T>failure(unwrap(error))))
                .toList();
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApply(done -> outcomes.stream().map(CompletableFuture::resultNow).toList());
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
