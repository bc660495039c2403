package asynckit.ex01;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Broken: does not compile. */
public final class PageFetcher {
    public PageFetcher(PageClient client) {
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        return CompletableFuture.supplyAsync(() -> urls.stream().map(u -> u.fetch()).toList());
    }
}
