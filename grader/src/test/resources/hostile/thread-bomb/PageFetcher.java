package asynckit.ex01;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Broken: starts a platform thread per attempt, without bound, until the process limit stops it.
 * Safety: it stops by itself at 3,000 threads, in case it runs where there is no limit.
 */
public final class PageFetcher {
    public PageFetcher(PageClient client) {
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        for (int i = 0; i < 3_000; i++) {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.setDaemon(true);
            t.start();
        }
        throw new IllegalStateException("started 3,000 threads");
    }
}
