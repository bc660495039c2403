// Known-wrong: "errors always come wrapped", so settled always takes getCause(): right for a dependent
// stage, but an input that failed by itself has no cause, and Outcome.failure(null) throws.
// expect-mistake: wrapped-error
// expect-mistake: failure-escaped
package asynckit.ex03;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

public final class Gather {
    private Gather() {}


    public static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
        CompletableFuture<List<T>> gathered = new CompletableFuture<>();
        for (CompletableFuture<T> input : futures) {
            input.whenComplete((value, error) -> {
                if (error != null) {
                    gathered.completeExceptionally(unwrap(error));
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
                        error == null ? Outcome.success(value) : Outcome.<T>failure(error.getCause())))
                .toList();
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApply(done -> outcomes.stream().map(CompletableFuture::resultNow).toList());
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
