// Known-wrong: concurrent and non-blocking, but bodies are appended in arrival order.
// expect-mistake: completion-order
package asynckit.ex01;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

public final class PageFetcher {
    private final PageClient client;

    public PageFetcher(PageClient client) {
        this.client = client;
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        List<String> bodies = new CopyOnWriteArrayList<>();
        CompletableFuture<?>[] pages = urls.stream()
                .map(url -> client.fetch(url).thenAccept(bodies::add))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(pages).thenApply(done -> List.copyOf(bodies));
    }
}
