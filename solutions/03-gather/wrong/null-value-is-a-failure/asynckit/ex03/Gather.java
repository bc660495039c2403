// Known-wrong: "no value means it failed" (Python's `if result is None`): settled makes a Failure of
// every input whose value is null, so an input that succeeded with null becomes a Failure without an error.
// expect-mistake: success-as-failure
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
                .map(input -> input.handle((value, error) -> value != null ? Outcome.success(value)
                        : Outcome.<T>failure(error == null ? new IllegalStateException("no value") : unwrap(error))))
                .toList();
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApply(done -> outcomes.stream().map(CompletableFuture::resultNow).toList());
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
