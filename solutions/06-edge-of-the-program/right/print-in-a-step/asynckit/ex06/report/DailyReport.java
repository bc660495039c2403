// Alternative correct: thenAcceptBoth-free fold with whenComplete into one result future, the save chained with handle.
package asynckit.ex06.report;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Arrays;
import java.util.concurrent.CompletionException;

public final class DailyReport {
    private final SalesSource sales;
    private final ReportArchive archive;

    public DailyReport(SalesSource sales, ReportArchive archive) {
        this.sales = sales;
        this.archive = archive;
    }

    public CompletableFuture<String> build(List<String> stores) {
        CompletableFuture<?>[] totals = stores.stream().map(sales::sales).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(totals)
                .thenApply(done -> ReportText.render(stores, Arrays.stream(totals).map(f -> (Long) f.resultNow()).toList()))
                .thenCompose(text -> archive.save(text).handle((saved, failure) -> {
                    if (failure != null) {
                        throw failure instanceof CompletionException ce ? ce : new CompletionException(failure);
                    }
                    return text;
                }));
    }
}
