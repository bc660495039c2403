package asynckit.ex06.report;

import java.util.concurrent.CompletableFuture;

/**
 * The till system of every store (given; do not change it). Like an asyncio client, it is bound to the
 * event loop: call it on the loop thread, and its future completes on the loop thread, some time later.
 */
@FunctionalInterface
public interface SalesSource {
    /** The store's sales of the day, in cents. */
    CompletableFuture<Long> sales(String store);
}
