// Known-wrong: concurrent fetches, but fetchAll itself waits for them (join) before returning.
// expect-mistake: blocked-the-caller
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
        return CompletableFuture.completedFuture(pages.stream().map(CompletableFuture::join).toList());
    }
}
