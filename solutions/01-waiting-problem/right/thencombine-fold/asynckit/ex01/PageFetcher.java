// Right, in another style: start every fetch first, then fold the futures together with thenCombine.
// Nothing waits; the list grows in URL order because the fold follows the list of futures.
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
        List<CompletableFuture<String>> pages = urls.stream().map(client::fetch).toList();
        CompletableFuture<List<String>> all = CompletableFuture.completedFuture(List.of());
        for (CompletableFuture<String> page : pages) {
            all = all.thenCombine(page, (sofar, body) -> {
                List<String> next = new ArrayList<>(sofar);
                next.add(body);
                return List.copyOf(next);
            });
        }
        return all;
    }
}
