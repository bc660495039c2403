package asynckit.ex01;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Correct, but starts a child process that inherits the test JVM's output and outlives it: grading must
 * not wait for it (no timeout), must keep the full points, and must leave no process behind.
 */
public final class PageFetcher {
    static {
        try {
            new ProcessBuilder("sh", "-c", "sleep 600; : asynckit-hostile-marker").inheritIO().start();
        } catch (Exception ignored) {
            // no shell
        }
    }

    private final PageClient client;

    public PageFetcher(PageClient client) {
        this.client = client;
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        List<CompletableFuture<String>> pages = urls.stream().map(client::fetch).toList();
        return CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new))
                .thenApply(done -> pages.stream().map(CompletableFuture::resultNow).toList());
    }
}
