package asynckit.ex03;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Reference solution for exercise 03. */
public final class Gather {
    private Gather() {}

    public static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
        List<CompletableFuture<T>> inputs = List.copyOf(futures);
        CompletableFuture<List<T>> gathered = new CompletableFuture<>();
        // Fail fast: the first input to fail completes the result; later failures find it done and are ignored.
        for (CompletableFuture<T> input : inputs) {
            input.whenComplete((value, error) -> {
                if (error != null) {
                    gathered.completeExceptionally(unwrap(error));
                }
            });
        }
        // Succeed when the last one succeeds: read the values from the list (input order), not as they arrive.
        CompletableFuture.allOf(inputs.toArray(CompletableFuture[]::new))
                .thenRun(() -> gathered.complete(inputs.stream().map(CompletableFuture::resultNow).toList()));
        return gathered;
    }

    public static <T> CompletableFuture<List<Outcome<T>>> settled(List<CompletableFuture<T>> futures) {
        // Turn each input into a future that never fails: its outcome.
        List<CompletableFuture<Outcome<T>>> outcomes = futures.stream()
                .map(input -> input.handle((value, error) ->
                        error == null ? Outcome.success(value) : Outcome.<T>failure(unwrap(error))))
                .toList();
        // None of them can fail, so allOf waits for every one of them.
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApply(done -> outcomes.stream().map(CompletableFuture::resultNow).toList());
    }

    /** A failure that reached us through a dependent stage arrives wrapped; report the input's own error. */
    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
