package asynckit.ex01;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/** Hostile: deadlocks the calling thread with a helper thread (monitors: not interruptible). */
public final class PageFetcher {
    private static final Object A = new Object();
    private static final Object B = new Object();

    public PageFetcher(PageClient client) {
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        CountDownLatch bothHold = new CountDownLatch(2);
        Thread other = new Thread(() -> {
            synchronized (B) {
                bothHold.countDown();
                awaitQuietly(bothHold);
                synchronized (A) {
                    System.out.println("never");
                }
            }
        });
        other.start();
        synchronized (A) {
            bothHold.countDown();
            awaitQuietly(bothHold);
            synchronized (B) {
                return CompletableFuture.completedFuture(urls);
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException ignored) {
                // keep waiting
            }
        }
    }
}
