// Known-wrong: the blocking habit "for f in futures: results.append(await f)" written with join().
// expect-mistake: blocked-the-caller
// expect-mistake: blocking-wait-on-future
package asynckit.ex03;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

public final class Gather {
    private Gather() {}

    public static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
        List<T> values = new ArrayList<>();
        for (CompletableFuture<T> input : futures) {
            values.add(input.join());
        }
        return CompletableFuture.completedFuture(values);
    }

    public static <T> CompletableFuture<List<Outcome<T>>> settled(List<CompletableFuture<T>> futures) {
        List<Outcome<T>> outcomes = new ArrayList<>();
        for (CompletableFuture<T> input : futures) {
            try {
                outcomes.add(Outcome.success(input.join()));
            } catch (CompletionException e) {
                outcomes.add(Outcome.failure(e.getCause()));
            }
        }
        return CompletableFuture.completedFuture(outcomes);
    }
}
