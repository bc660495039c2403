package asynckit.ex01;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Reference solution for exercise 01. */
public final class PageFetcher {
    private final PageClient client;

    public PageFetcher(PageClient client) {
        this.client = client;
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        // Start every fetch first: each call returns at once, so all of them are now in flight.
        List<CompletableFuture<String>> pages = urls.stream().map(client::fetch).toList();
        // Then wait for all of them together, without blocking: allOf completes when the last one does
        // (or fails if one failed), and resultNow() reads values that are certainly there by then.
        return CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new))
                .thenApply(done -> pages.stream().map(CompletableFuture::resultNow).toList());
    }
}
