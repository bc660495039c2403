// Known-wrong: adds "context" to a failure by wrapping it in an exception of its own, so the caller
// gets IllegalStateException("could not fetch every page") instead of the fetch's IOException.
// expect-mistake: wrong-failure
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
        return CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new))
                .thenApply(done -> pages.stream().map(CompletableFuture::resultNow).toList())
                .exceptionally(error -> {
                    throw new IllegalStateException("could not fetch every page", error);
                });
    }
}
