// Right, in another style: a lock instead of atomics. The values live in a plain array and a plain
// counter that are only ever touched inside synchronized blocks; the result is completed outside.
package asynckit.ex03;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

public final class Gather {
    private Gather() {}

    public static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
        CompletableFuture<List<T>> result = new CompletableFuture<>();
        Slots<T> slots = new Slots<>(futures.size());
        if (futures.isEmpty()) {
            result.complete(List.of());
        }
        for (int i = 0; i < futures.size(); i++) {
            int at = i;
            futures.get(i).whenComplete((value, error) -> {
                if (error != null) {
                    result.completeExceptionally(unwrap(error));
                    return;
                }
                List<T> done = slots.fill(at, value);
                if (done != null) {
                    result.complete(done);
                }
            });
        }
        return result;
    }

    public static <T> CompletableFuture<List<Outcome<T>>> settled(List<CompletableFuture<T>> futures) {
        CompletableFuture<List<Outcome<T>>> result = new CompletableFuture<>();
        Slots<Outcome<T>> slots = new Slots<>(futures.size());
        if (futures.isEmpty()) {
            result.complete(List.of());
        }
        for (int i = 0; i < futures.size(); i++) {
            int at = i;
            futures.get(i).whenComplete((value, error) -> {
                List<Outcome<T>> done = slots.fill(at,
                        error == null ? Outcome.success(value) : Outcome.failure(unwrap(error)));
                if (done != null) {
                    result.complete(done);
                }
            });
        }
        return result;
    }

    /** Values by position, guarded by this object's lock. */
    private static final class Slots<V> {
        private final Object[] values;
        private int filled;

        Slots(int size) {
            this.values = new Object[size];
        }

        /** Fills one slot; the list in order once the last slot is filled, else null. */
        @SuppressWarnings("unchecked")
        synchronized List<V> fill(int at, V value) {
            values[at] = value;
            filled++;
            return filled == values.length ? new ArrayList<>((List<V>) Arrays.asList(values)) : null;
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
