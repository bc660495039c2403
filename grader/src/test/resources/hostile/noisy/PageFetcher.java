package asynckit.ex01;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** Correct, but prints 100 MB to standard output once. */
public final class PageFetcher {
    private static final AtomicBoolean PRINTED = new AtomicBoolean();
    private final PageClient client;

    public PageFetcher(PageClient client) {
        this.client = client;
        if (PRINTED.compareAndSet(false, true)) {
            String line = "x".repeat(1023) + "\n";
            for (int i = 0; i < 100 * 1024; i++) {
                System.out.print(line);
            }
            System.out.flush();
        }
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        List<CompletableFuture<String>> pages = urls.stream().map(client::fetch).toList();
        return CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new))
                .thenApply(done -> pages.stream().map(CompletableFuture::resultNow).toList());
    }
}
