package asynckit.ex03;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Exercise 03: gather. Read exercises/03-gather/README.md first.
 *
 * <p>Both methods combine futures that are already running; neither may wait for them.
 */
public final class Gather {
    private Gather() {}

    /**
     * One future of every input's value, like {@code await asyncio.gather(...)}.
     *
     * @param futures the inputs, already running
     * @return a future of the values in the order of {@code futures}; it fails as soon as any input fails,
     *     with that input's exception
     */
    public static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
        throw new UnsupportedOperationException(
                "Not written yet: Gather.all. See exercises/03-gather/README.md, 'Your task'.");
    }

    /**
     * One future of every input's outcome, like {@code await asyncio.gather(..., return_exceptions=True)}.
     *
     * @param futures the inputs, already running
     * @return a future that completes when every input has completed, never fails, and holds one
     *     {@link Outcome} per input in the order of {@code futures}
     */
    public static <T> CompletableFuture<List<Outcome<T>>> settled(List<CompletableFuture<T>> futures) {
        throw new UnsupportedOperationException(
                "Not written yet: Gather.settled. See exercises/03-gather/README.md, 'Your task'.");
    }
}
