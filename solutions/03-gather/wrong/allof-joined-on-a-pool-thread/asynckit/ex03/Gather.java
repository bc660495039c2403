// Known-wrong: fails fast with a callback on every input, but the happy path is a pool thread that
// joins allOf(...) of the inputs: the wait is on the combined future, and it parks a common-pool thread
// until the last input is there (for ever, if one never completes).
// expect-mistake: blocked-a-pool-thread
// expect-mistake: blocking-wait-on-future
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
        CompletableFuture.runAsync(() -> {
            try {
                CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
                gathered.complete(futures.stream().map(CompletableFuture::resultNow).toList());
            } catch (CompletionException failed) {
                // reported by the callbacks above
            }
        });
        return gathered;
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
