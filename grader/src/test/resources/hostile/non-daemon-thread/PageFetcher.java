package asynckit.ex01;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Correct, but leaves a non-daemon thread running forever: grading must still end, with full points. */
public final class PageFetcher {
    private final PageClient client;

    public PageFetcher(PageClient client) {
        this.client = client;
        // An executor that is never shut down: its worker is a non-daemon thread that waits for work forever.
        java.util.concurrent.Executors.newSingleThreadExecutor().execute(() -> { });
        // And a timer, whose thread is non-daemon too.
        new java.util.Timer("left-behind", false).schedule(new java.util.TimerTask() {
            @Override
            public void run() {
            }
        }, 3_600_000L);
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        List<CompletableFuture<String>> pages = urls.stream().map(client::fetch).toList();
        return CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new))
                .thenApply(done -> pages.stream().map(CompletableFuture::resultNow).toList());
    }
}
