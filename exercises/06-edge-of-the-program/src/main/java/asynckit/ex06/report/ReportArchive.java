package asynckit.ex06.report;

import java.util.concurrent.CompletableFuture;

/**
 * Where finished reports are kept (given; do not change it). Bound to the event loop like
 * {@link SalesSource}: call it on the loop thread; its future completes there once the report is
 * stored, or fails if it could not be stored.
 */
@FunctionalInterface
public interface ReportArchive {
    CompletableFuture<Void> save(String report);
}
