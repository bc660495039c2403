// Known-wrong: a stand-in that was meant to be temporary: it builds each page's body itself instead of
// asking the client, so it is fast, concurrent and in order, and has nothing to do with the network.
// expect-mistake: did-not-call
package asynckit.ex01;

import java.util.List;
import java.util.concurrent.CompletableFuture;

public final class PageFetcher {
    private final PageClient client;

    public PageFetcher(PageClient client) {
        this.client = client;
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        return CompletableFuture.supplyAsync(() -> urls.stream().map(url -> "<page " + url + ">").toList());
    }
}
