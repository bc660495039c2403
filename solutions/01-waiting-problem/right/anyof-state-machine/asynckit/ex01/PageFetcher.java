// Right, in another style: an explicit state machine over anyOf. Start every fetch; each step waits
// (without blocking) for any still-pending page with anyOf, then looks again; when none is pending the
// result is read in URL order, or the first failed page's own exception is passed on.
package asynckit.ex01;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

public final class PageFetcher {
    private final PageClient client;

    public PageFetcher(PageClient client) {
        this.client = client;
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        return step(urls.stream().map(client::fetch).toList());
    }

    private static CompletableFuture<List<String>> step(List<CompletableFuture<String>> pages) {
        List<CompletableFuture<String>> pending = pages.stream().filter(p -> !p.isDone()).toList();
        if (!pending.isEmpty()) {
            return CompletableFuture.anyOf(pending.toArray(CompletableFuture[]::new))
                    .handle((any, error) -> pages)
                    .thenCompose(PageFetcher::step);
        }
        Optional<CompletableFuture<String>> failed = pages.stream()
                .filter(CompletableFuture::isCompletedExceptionally).findFirst();
        return failed.<CompletableFuture<List<String>>>map(f -> CompletableFuture.failedFuture(f.exceptionNow()))
                .orElseGet(() -> CompletableFuture.completedFuture(
                        pages.stream().map(CompletableFuture::resultNow).toList()));
    }
}
