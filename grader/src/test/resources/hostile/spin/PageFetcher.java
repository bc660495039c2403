package asynckit.ex01;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Hostile: spins forever and ignores interrupts. */
public final class PageFetcher {
    static volatile long spins;

    public PageFetcher(PageClient client) {
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        while (true) {
            spins++;
            Thread.interrupted();
        }
    }
}
