// Known-wrong: a correct hand-completed countdown, except that with no URLs no callback ever runs,
// so the future it returns stays pending for ever.
// expect-mistake: empty-input
package asynckit.ex01;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

public final class PageFetcher {
    private final PageClient client;

    public PageFetcher(PageClient client) {
        this.client = client;
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        CompletableFuture<List<String>> result = new CompletableFuture<>();
        List<CompletableFuture<String>> pages = urls.stream().map(client::fetch).toList();
        AtomicInteger left = new AtomicInteger(pages.size());
        for (CompletableFuture<String> page : pages) {
            page.whenComplete((body, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else if (left.decrementAndGet() == 0) {
                    result.complete(pages.stream().map(CompletableFuture::resultNow).toList());
                }
            });
        }
        return result;
    }
}
