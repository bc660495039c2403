// Known-wrong: starts every fetch, then hands the waiting to a pool thread that asks each page "done
// yet?" again and again. No join, no sleep, no onSpinWait: only the loop gives it away, and it burns a
// pool thread (a core on this machine) for as long as the slowest fetch takes.
// expect-mistake: spin-wait
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
        List<CompletableFuture<String>> pages = urls.stream().map(client::fetch).toList();
        return CompletableFuture.supplyAsync(() -> {
            List<String> out = new ArrayList<>();
            for (CompletableFuture<String> page : pages) {
                while (!page.isDone()) {
                    // ask again
                }
                out.add(page.resultNow());
            }
            return out;
        });
    }
}
