// Right, in another style: an explicit state machine over anyOf for all (each step waits, without
// blocking, for any pending input; a failed input ends it, the last success completes it), and a fold
// with thenCombine over the outcomes for settled.
package asynckit.ex03;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

public final class Gather {
    private Gather() {}


    public static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
        return step(List.copyOf(futures));
    }

    private static <T> CompletableFuture<List<T>> step(List<CompletableFuture<T>> inputs) {
        for (CompletableFuture<T> input : inputs) {
            if (input.isCompletedExceptionally()) {
                return CompletableFuture.failedFuture(input.exceptionNow());
            }
        }
        List<CompletableFuture<T>> pending = inputs.stream().filter(f -> !f.isDone()).toList();
        if (pending.isEmpty()) {
            return CompletableFuture.completedFuture(inputs.stream().map(CompletableFuture::resultNow).toList());
        }
        return CompletableFuture.anyOf(pending.toArray(CompletableFuture[]::new))
                .handle((first, error) -> inputs)
                .thenCompose(Gather::step);
    }

    public static <T> CompletableFuture<List<Outcome<T>>> settled(List<CompletableFuture<T>> futures) {
        CompletableFuture<List<Outcome<T>>> sofar = CompletableFuture.completedFuture(List.of());
        for (CompletableFuture<T> input : futures) {
            CompletableFuture<Outcome<T>> outcome = input.handle((value, error) ->
                    error == null ? Outcome.success(value) : Outcome.<T>failure(unwrap(error)));
            sofar = sofar.thenCombine(outcome, (list, one) -> {
                List<Outcome<T>> next = new ArrayList<>(list);
                next.add(one);
                return List.copyOf(next);
            });
        }
        return sofar;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
