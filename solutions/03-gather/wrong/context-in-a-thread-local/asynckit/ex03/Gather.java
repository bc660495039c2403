// Known-wrong: the asyncio habit of keeping per-call state in a contextvar, as a ThreadLocal: each
// outcome goes into "the" list of this gather, and the last input to complete reads it. Right while
// every input completes on one thread; when inputs complete on two threads at once, each thread has a
// list of its own and the last one sees only part of the outcomes.
// expect-mistake: lost-update
package asynckit.ex03;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

public final class Gather {
    private static final ThreadLocal<Map<Object, Map<Integer, Object>>> CONTEXT = ThreadLocal.withInitial(HashMap::new);

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

    @SuppressWarnings("unchecked")
    public static <T> CompletableFuture<List<Outcome<T>>> settled(List<CompletableFuture<T>> futures) {
        CompletableFuture<List<Outcome<T>>> result = new CompletableFuture<>();
        if (futures.isEmpty()) {
            result.complete(List.of());
            return result;
        }
        AtomicInteger left = new AtomicInteger(futures.size());
        for (int i = 0; i < futures.size(); i++) {
            int at = i;
            futures.get(i).whenComplete((value, error) -> {
                Map<Integer, Object> mine = CONTEXT.get().computeIfAbsent(result, k -> new HashMap<>());
                mine.put(at, error == null ? Outcome.success(value) : Outcome.failure(unwrap(error)));
                if (left.decrementAndGet() == 0) {
                    CONTEXT.get().remove(result);
                    List<Outcome<T>> outcomes = new java.util.ArrayList<>();
                    for (int j = 0; j < futures.size(); j++) {
                        Object o = mine.get(j);
                        outcomes.add(o == null ? Outcome.failure(new IllegalStateException("lost")) : (Outcome<T>) o);
                    }
                    result.complete(outcomes);
                }
            });
        }
        return result;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
