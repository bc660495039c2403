package asynckit.ex01;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Broken: keeps every page it ever made, growing without bound until the heap is full. */
public final class PageFetcher {
    private static final List<long[]> KEPT = new ArrayList<>();

    public PageFetcher(PageClient client) {
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        while (true) {
            KEPT.add(new long[1_000_000]);
        }
    }
}
