// Known-wrong: "fetchAll must return at once, so let a pool thread wait for allOf": every fetch is
// started, and a common-pool thread joins allOf(...) of them before reading the pages. The wait is on
// the combined future, not on a page, and it still parks a pool thread until the slowest page is there.
// expect-mistake: blocked-a-pool-thread
// expect-mistake: blocking-wait-on-future
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
        return CompletableFuture.supplyAsync(() -> {
            CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new)).join();
            return pages.stream().map(CompletableFuture::resultNow).toList();
        });
    }
}
