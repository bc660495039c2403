package asynckit.ex01;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Correct, but leaves a non-daemon thread running forever: grading must still end, with full points. */
public final class PageFetcher {
    private final PageClient client;

    public PageFetcher(PageClient client) {
        this.client = client;
        Thread forever = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException ignored) {
                    // stay alive
                }
            }
        }, "left-behind");
        forever.setDaemon(false);
        forever.start();
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        List<CompletableFuture<String>> pages = urls.stream().map(client::fetch).toList();
        return CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new))
                .thenApply(done -> pages.stream().map(CompletableFuture::resultNow).toList());
    }
}
