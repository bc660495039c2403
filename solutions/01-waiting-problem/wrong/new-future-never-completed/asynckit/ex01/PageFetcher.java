// Known-wrong: makes the future it returns with new CompletableFuture<>(), builds the right list with
// allOf(...).thenApply(...), and never hands that list to the future it returned.
// expect-mistake: never-completed
package asynckit.ex01;

import java.util.List;
import java.util.concurrent.CompletableFuture;

public final class PageFetcher {
    private final PageClient client;

    public PageFetcher(PageClient client) {
        this.client = client;
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        CompletableFuture<List<String>> result = new CompletableFuture<>();
        List<CompletableFuture<String>> pages = urls.stream().map(client::fetch).toList();
        CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new))
                .thenApply(done -> pages.stream().map(CompletableFuture::resultNow).toList());
        return result;
    }
}
