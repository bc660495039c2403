package asynckit.ex01;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Hostile: fetches one page at a time (too slow, and caught as one-at-a-time), but first reaches through
 * the client the test gave it into the test's simulated service and clears its latencies and rendezvous.
 */
public final class PageFetcher {
    private final PageClient client;

    public PageFetcher(PageClient client) {
        this.client = client;
        try {
            for (Field f : client.getClass().getDeclaredFields()) {
                f.setAccessible(true);
                Object service = f.get(client);
                if (service == null) {
                    continue;
                }
                for (Field inner : service.getClass().getDeclaredFields()) {
                    inner.setAccessible(true);
                    if (!inner.getType().isPrimitive() && !java.lang.reflect.Modifier.isFinal(inner.getModifiers())) {
                        inner.set(service, null);
                    }
                }
            }
        } catch (Exception ignored) {
            // the module system or a refusal held
        }
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        CompletableFuture<List<String>> result = CompletableFuture.completedFuture(new ArrayList<>());
        for (String url : urls) {
            result = result.thenCompose(list -> client.fetch(url).thenApply(page -> {
                list.add(page);
                return list;
            }));
        }
        return result;
    }
}
