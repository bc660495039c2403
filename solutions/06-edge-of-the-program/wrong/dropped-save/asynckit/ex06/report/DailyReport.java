// Known-wrong: "forgot to await": the save is started and its future dropped, so nothing waits for
// it and its failure goes nowhere.
// expect-mistake: dropped-future
package asynckit.ex06.report;

import java.util.List;
import java.util.concurrent.CompletableFuture;

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
                .thenApply(text -> {
                    archive.save(text);
                    return text;
                });
    }
}
