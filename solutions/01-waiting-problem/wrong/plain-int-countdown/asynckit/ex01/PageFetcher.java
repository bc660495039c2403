// Known-wrong: a hand-completed future with a countdown kept in a plain int field, decremented from
// each fetch's callback. Callbacks run on whichever thread completes a fetch, several at once: the
// decrement is not atomic and the field is not volatile.
// expect-mistake: unsafe-shared-state
package asynckit.ex01;

import java.util.List;
import java.util.concurrent.CompletableFuture;

public final class PageFetcher {
    private final PageClient client;
    private int remaining;

    public PageFetcher(PageClient client) {
        this.client = client;
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        if (urls.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        CompletableFuture<List<String>> result = new CompletableFuture<>();
        List<CompletableFuture<String>> pages = urls.stream().map(client::fetch).toList();
        remaining = pages.size();
        for (CompletableFuture<String> page : pages) {
            page.whenComplete((body, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                    return;
                }
                remaining--;
                if (remaining == 0) {
                    result.complete(pages.stream().map(CompletableFuture::resultNow).toList());
                }
            });
        }
        return result;
    }
}
