package asynckit.ex01;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Exercise 01: the waiting problem. Read exercises/01-waiting-problem/README.md first.
 */
public final class PageFetcher {
    private final PageClient client;

    public PageFetcher(PageClient client) {
        this.client = client;
    }

    /**
     * Fetches every page, all at the same time.
     *
     * @param urls the pages to fetch
     * @return a future of the page bodies, in the same order as {@code urls}
     */
    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        throw new UnsupportedOperationException(
                "Not written yet: PageFetcher.fetchAll. See exercises/01-waiting-problem/README.md, 'Your task'.");
    }
}
