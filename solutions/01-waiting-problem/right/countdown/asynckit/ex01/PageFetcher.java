// Right, in another style: a future completed by hand, a countdown in an AtomicInteger, the bodies in
// an AtomicReferenceArray by position; the first failure fails the result at once.
package asynckit.ex01;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

public final class PageFetcher {
    private final PageClient client;

    public PageFetcher(PageClient client) {
        this.client = client;
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        if (urls.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        CompletableFuture<List<String>> result = new CompletableFuture<>();
        AtomicReferenceArray<String> bodies = new AtomicReferenceArray<>(urls.size());
        AtomicInteger left = new AtomicInteger(urls.size());
        List<CompletableFuture<String>> started = new ArrayList<>();
        for (String url : urls) {
            started.add(client.fetch(url));
        }
        for (int i = 0; i < started.size(); i++) {
            int at = i;
            started.get(i).whenComplete((body, error) -> {
                if (error != null) {
                    result.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error);
                    return;
                }
                bodies.set(at, body);
                if (left.decrementAndGet() == 0) {
                    List<String> inOrder = new ArrayList<>();
                    for (int j = 0; j < bodies.length(); j++) {
                        inOrder.add(bodies.get(j));
                    }
                    result.complete(inOrder);
                }
            });
        }
        return result;
    }
}
