// Known-wrong: an off-by-one countdown that starts at size() - 1: all completes as soon as all but one
// input have succeeded, with null (getNow) in place of the value that has not arrived yet.
// expect-mistake: finished-early
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
        if (futures.isEmpty()) {
            gathered.complete(List.of());
            return gathered;
        }
        AtomicInteger left = new AtomicInteger(futures.size() - 1);
        for (CompletableFuture<T> input : futures) {
            input.whenComplete((value, error) -> {
                if (error != null) {
                    gathered.completeExceptionally(unwrap(error));
                } else if (left.decrementAndGet() <= 0) {
                    gathered.complete(futures.stream().map(f -> f.getNow(null)).toList());
                }
            });
        }
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
