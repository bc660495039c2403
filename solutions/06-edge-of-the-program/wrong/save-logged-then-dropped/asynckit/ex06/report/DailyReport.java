// Known-wrong: the save gets a whenComplete that logs a failure, but the future whenComplete returns
// is dropped: nothing waits for the save, and main never hears that it failed.
// expect-mistake: dropped-future
// expect-mistake: lost-failure
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
                    archive.save(text).whenComplete((saved, error) -> {
                        if (error != null) {
                            System.err.println("could not archive the report: " + error);
                        }
                    });
                    return text;
                });
    }
}
