// Known-wrong: settled copied from a fail-fast all: the first failure completes the result with the
// outcomes known so far, so settled finishes while other inputs are still running.
// expect-mistake: finished-early
package asynckit.ex03;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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
        CompletableFuture<List<Outcome<T>>> gathered = new CompletableFuture<>();
        for (CompletableFuture<T> input : futures) {
            input.whenComplete((value, error) -> {
                if (error != null) {
                    gathered.complete(snapshot(futures));
                }
            });
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .whenComplete((done, error) -> gathered.complete(snapshot(futures)));
        return gathered;
    }

    private static <T> List<Outcome<T>> snapshot(List<CompletableFuture<T>> futures) {
        List<Outcome<T>> outcomes = new ArrayList<>();
        for (CompletableFuture<T> input : futures) {
            if (input.isCompletedExceptionally()) {
                outcomes.add(Outcome.failure(input.exceptionNow()));
            } else if (input.isDone()) {
                outcomes.add(Outcome.success(input.resultNow()));
            }
        }
        return outcomes;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
