// Right, another style: allOf over an array, the text made with a stream, and the save's failure
// rethrown unwrapped with exceptionallyCompose (a failed stage passes its cause on unchanged).
package asynckit.ex06.report;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

public final class DailyReport {
    private final SalesSource sales;
    private final ReportArchive archive;

    public DailyReport(SalesSource sales, ReportArchive archive) {
        this.sales = sales;
        this.archive = archive;
    }

    @SuppressWarnings("unchecked")
    public CompletableFuture<String> build(List<String> stores) {
        CompletableFuture<Long>[] totals = stores.stream().map(sales::sales).toArray(CompletableFuture[]::new);
        CompletableFuture<String> text = CompletableFuture.allOf(totals)
                .thenApply(all -> ReportText.render(stores, Arrays.stream(totals).map(CompletableFuture::resultNow).toList()));
        return text.thenCompose(archive::save)
                .thenCombine(text, (stored, report) -> report)
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(
                        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error));
    }
}
