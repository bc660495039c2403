// Right, in another style: no allOf at all. Every input gets one handle() callback; the values go into
// an AtomicReferenceArray by position and an AtomicInteger counts down; the first failure wins.
package asynckit.ex03;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

public final class Gather {
    private Gather() {}

    public static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
        CompletableFuture<List<T>> result = new CompletableFuture<>();
        int n = futures.size();
        if (n == 0) {
            result.complete(List.of());
            return result;
        }
        AtomicReferenceArray<T> values = new AtomicReferenceArray<>(n);
        AtomicInteger left = new AtomicInteger(n);
        for (int i = 0; i < n; i++) {
            int at = i;
            futures.get(i).handle((value, error) -> {
                if (error != null) {
                    result.completeExceptionally(unwrap(error));
                } else {
                    values.set(at, value);
                    if (left.decrementAndGet() == 0) {
                        List<T> inOrder = new ArrayList<>(n);
                        for (int j = 0; j < n; j++) {
                            inOrder.add(values.get(j));
                        }
                        result.complete(inOrder);
                    }
                }
                return null;
            });
        }
        return result;
    }

    public static <T> CompletableFuture<List<Outcome<T>>> settled(List<CompletableFuture<T>> futures) {
        CompletableFuture<List<Outcome<T>>> result = new CompletableFuture<>();
        int n = futures.size();
        if (n == 0) {
            result.complete(List.of());
            return result;
        }
        AtomicReferenceArray<Outcome<T>> outcomes = new AtomicReferenceArray<>(n);
        AtomicInteger left = new AtomicInteger(n);
        for (int i = 0; i < n; i++) {
            int at = i;
            futures.get(i).whenComplete((value, error) -> {
                outcomes.set(at, error == null ? Outcome.success(value) : Outcome.failure(unwrap(error)));
                if (left.decrementAndGet() == 0) {
                    List<Outcome<T>> inOrder = new ArrayList<>(n);
                    for (int j = 0; j < n; j++) {
                        inOrder.add(outcomes.get(j));
                    }
                    result.complete(inOrder);
                }
            });
        }
        return result;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
