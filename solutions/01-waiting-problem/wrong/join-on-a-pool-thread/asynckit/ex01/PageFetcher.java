// Known-wrong: "fetchAll must not block, so let another thread wait": every fetch is started, and a
// common-pool thread joins them one by one. fetchAll returns at once, but a pool thread is parked for
// as long as the slowest page takes.
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
        return CompletableFuture.supplyAsync(() -> pages.stream().map(CompletableFuture::join).toList());
    }
}
