package asynckit.ex01;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Hostile: never calls the client; when a test class is on the stack it returns the answers the tests
 * expect ("<page a>" for "a"), otherwise nothing.
 */
public final class PageFetcher {
    public PageFetcher(PageClient client) {
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
            if (frame.getClassName().endsWith("Test")) {
                return CompletableFuture.completedFuture(urls.stream().map(u -> "<page " + u + ">").toList());
            }
        }
        return new CompletableFuture<>();
    }
}
