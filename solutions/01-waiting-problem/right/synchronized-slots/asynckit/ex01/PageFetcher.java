// Right, in another style: handle() on every fetch, the bodies kept in an array guarded by a lock,
// a plain counter that only ever changes under that lock.
package asynckit.ex01;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

public final class PageFetcher {
    private final PageClient client;

    public PageFetcher(PageClient client) {
        this.client = client;
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        CompletableFuture<List<String>> result = new CompletableFuture<>();
        String[] bodies = new String[urls.size()];
        int[] arrived = {0};
        if (urls.isEmpty()) {
            result.complete(List.of());
            return result;
        }
        Object lock = new Object();
        List<CompletableFuture<String>> pages = urls.stream().map(client::fetch).toList();
        for (int i = 0; i < pages.size(); i++) {
            int at = i;
            pages.get(i).handle((body, error) -> {
                if (error != null) {
                    result.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error);
                    return null;
                }
                List<String> done = null;
                synchronized (lock) {
                    bodies[at] = body;
                    if (++arrived[0] == bodies.length) {
                        done = Arrays.asList(bodies.clone());
                    }
                }
                if (done != null) {
                    result.complete(List.copyOf(done));
                }
                return null;
            });
        }
        return result;
    }
}
