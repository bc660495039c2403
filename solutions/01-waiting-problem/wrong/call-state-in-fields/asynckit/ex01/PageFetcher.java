// Known-wrong: the state of one call kept in fields (Python's self.pages): thread-safe types, so no
// callback race, but a second fetchAll on the same fetcher replaces the first one's pages, and the
// first call then hands back the second call's pages.
// expect-mistake: mixed-calls
package asynckit.ex01;

import java.util.List;
import java.util.concurrent.CompletableFuture;

public final class PageFetcher {
    private final PageClient client;
    private volatile List<CompletableFuture<String>> pages = List.of();

    public PageFetcher(PageClient client) {
        this.client = client;
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        pages = urls.stream().map(client::fetch).toList();
        return CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new))
                .thenApply(done -> pages.stream().map(CompletableFuture::resultNow).toList());
    }
}
