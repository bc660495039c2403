// Known-wrong: never blocks, yet each fetch is chained after the previous one (thenCompose in a loop).
// expect-mistake: one-at-a-time
package asynckit.ex01;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

public final class PageFetcher {
    private final PageClient client;

    public PageFetcher(PageClient client) {
        this.client = client;
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        CompletableFuture<List<String>> chain = CompletableFuture.completedFuture(new ArrayList<>());
        for (String url : urls) {
            chain = chain.thenCompose(bodies -> client.fetch(url).thenApply(body -> {
                bodies.add(body);
                return bodies;
            }));
        }
        return chain;
    }
}
