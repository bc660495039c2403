// Known-wrong: starts everything, then polls isDone() with Thread.sleep until all are there.
// expect-mistake: blocked-the-caller
// expect-mistake: blocking-sleep
package asynckit.ex01;

import java.util.List;
import java.util.concurrent.CompletableFuture;

public final class PageFetcher {
    private final PageClient client;

    public PageFetcher(PageClient client) {
        this.client = client;
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        List<CompletableFuture<String>> pages = urls.stream().map(client::fetch).toList();
        try {
            while (!pages.stream().allMatch(CompletableFuture::isDone)) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new))
                .thenApply(done -> pages.stream().map(CompletableFuture::resultNow).toList());
    }
}
