// Right, in another style: a plain array of slots and an AtomicInteger. Each callback writes only its
// own slot and then counts down; the atomic count orders those writes before the read of the last one.
package asynckit.ex03;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

public final class Gather {
    private Gather() {}


    @SuppressWarnings("unchecked")
    public static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
        int n = futures.size();
        CompletableFuture<List<T>> result = new CompletableFuture<>();
        if (n == 0) {
            result.complete(List.of());
            return result;
        }
        Object[] values = new Object[n];
        AtomicInteger left = new AtomicInteger(n);
        for (int i = 0; i < n; i++) {
            int at = i;
            futures.get(i).whenComplete((value, error) -> {
                if (error != null) {
                    result.completeExceptionally(unwrap(error));
                    return;
                }
                values[at] = value;
                if (left.decrementAndGet() == 0) {
                    List<T> out = new ArrayList<>(n);
                    for (Object v : values) {
                        out.add((T) v);
                    }
                    result.complete(out);
                }
            });
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    public static <T> CompletableFuture<List<Outcome<T>>> settled(List<CompletableFuture<T>> futures) {
        int n = futures.size();
        CompletableFuture<List<Outcome<T>>> result = new CompletableFuture<>();
        if (n == 0) {
            result.complete(List.of());
            return result;
        }
        Outcome<T>[] outcomes = new Outcome[n];
        AtomicInteger left = new AtomicInteger(n);
        for (int i = 0; i < n; i++) {
            int at = i;
            futures.get(i).whenComplete((value, error) -> {
                outcomes[at] = error == null ? Outcome.success(value) : Outcome.failure(unwrap(error));
                if (left.decrementAndGet() == 0) {
                    result.complete(List.of(outcomes));
                }
            });
        }
        return result;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
