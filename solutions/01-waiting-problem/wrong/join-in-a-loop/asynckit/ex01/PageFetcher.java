// Known-wrong: the Python habit "for url in urls: page = await fetch(url)" translated with join().
// expect-mistake: one-at-a-time
// expect-mistake: blocked-the-caller
// expect-mistake: blocking-wait-on-future
package asynckit.ex01;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

public final class PageFetcher {
    private final PageClient client;

    public PageFetcher(PageClient client) {
        this.client = client;
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        List<String> bodies = new ArrayList<>();
        for (String url : urls) {
            bodies.add(client.fetch(url).join());
        }
        return CompletableFuture.completedFuture(bodies);
    }
}
