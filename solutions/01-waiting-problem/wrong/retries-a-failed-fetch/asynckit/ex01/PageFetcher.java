// Known-wrong: "a flaky page deserves a second chance": a failed fetch is asked for again once, with
// exceptionallyCompose. The lesson's client is called once per URL; a silent retry doubles the load on a
// failing server and hides the first failure.
// expect-mistake: fetched-twice
package asynckit.ex01;

import java.util.List;
import java.util.concurrent.CompletableFuture;

public final class PageFetcher {
    private final PageClient client;

    public PageFetcher(PageClient client) {
        this.client = client;
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        List<CompletableFuture<String>> pages = urls.stream()
                .map(url -> client.fetch(url).exceptionallyCompose(error -> client.fetch(url)))
                .toList();
        return CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new))
                .thenApply(done -> pages.stream().map(CompletableFuture::resultNow).toList());
    }
}
