// Known-wrong: "a missing page should not break the whole list": each failed fetch is turned into a
// null body with exceptionally(e -> null), so fetchAll's future completes normally and the error is gone.
// expect-mistake: lost-failure
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
                .map(url -> client.fetch(url).exceptionally(error -> null))
                .toList();
        return CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new))
                .thenApply(done -> pages.stream().map(CompletableFuture::resultNow).toList());
    }
}
