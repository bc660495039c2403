package asynckit.ex01;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Hostile: ends the test JVM in the middle of the tests. */
public final class PageFetcher {
    public PageFetcher(PageClient client) {
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        System.exit(0);
        return null;
    }
}
