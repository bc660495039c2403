// Known-wrong: the asyncio habit of keeping request state in a contextvar, translated to a ThreadLocal:
// each callback puts its body in "the" map of bodies, and the last arrival reads it. That works while
// every page arrives on one thread; when pages arrive on two threads at once, each thread has its own
// map and the last one sees only part of the pages.
// expect-mistake: lost-update
package asynckit.ex01;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

public final class PageFetcher {
    private static final ThreadLocal<Map<String, String>> BODIES = ThreadLocal.withInitial(HashMap::new);
    private final PageClient client;

    public PageFetcher(PageClient client) {
        this.client = client;
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        if (urls.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        CompletableFuture<List<String>> result = new CompletableFuture<>();
        AtomicInteger arrived = new AtomicInteger();
        for (String url : urls) {
            client.fetch(url).whenComplete((body, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                    return;
                }
                BODIES.get().put(url, body);
                if (arrived.incrementAndGet() == urls.size()) {
                    Map<String, String> mine = BODIES.get();
                    result.complete(urls.stream().map(u -> mine.getOrDefault(u, "(missing)")).toList());
                    mine.clear();
                }
            });
        }
        return result;
    }
}
