// Right, in another style: recursion. Every fetch is started first; then the list of futures is split in
// halves, each half combined recursively, and the two halves joined with thenCombine (no waiting).
package asynckit.ex01;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

public final class PageFetcher {
    private final PageClient client;

    public PageFetcher(PageClient client) {
        this.client = client;
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        List<CompletableFuture<String>> pages = new ArrayList<>();
        for (String url : urls) {
            pages.add(client.fetch(url));
        }
        return combine(pages);
    }

    private static CompletableFuture<List<String>> combine(List<CompletableFuture<String>> pages) {
        if (pages.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (pages.size() == 1) {
            return pages.get(0).thenApply(List::of);
        }
        int middle = pages.size() / 2;
        return combine(pages.subList(0, middle)).thenCombine(combine(pages.subList(middle, pages.size())),
                (left, right) -> {
                    List<String> both = new ArrayList<>(left);
                    both.addAll(right);
                    return List.copyOf(both);
                });
    }
}
