// Known-wrong: allOf + resultNow, the shape of exercise 01. Right values, right order, but allOf
// waits for every input before it fails, so one failure is not heard while another input is pending.
// expect-mistake: waited-for-all
package asynckit.ex03;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

public final class Gather {
    private Gather() {}

    public static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .thenApply(done -> futures.stream().map(CompletableFuture::resultNow).toList());
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
