package asynckit.ex06.report;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Reference solution: every sales call at once, then the text, then the save; one future for all of it. */
public final class DailyReport {
    private final SalesSource sales;
    private final ReportArchive archive;

    public DailyReport(SalesSource sales, ReportArchive archive) {
        this.sales = sales;
        this.archive = archive;
    }

    public CompletableFuture<String> build(List<String> stores) {
        List<CompletableFuture<Long>> totals = stores.stream().map(sales::sales).toList();
        return CompletableFuture.allOf(totals.toArray(CompletableFuture[]::new))
                .thenApply(done -> ReportText.render(stores, totals.stream().map(CompletableFuture::resultNow).toList()))
                .thenCompose(text -> archive.save(text).thenApply(saved -> text));
    }
}
