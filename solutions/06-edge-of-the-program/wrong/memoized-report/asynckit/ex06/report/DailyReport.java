// Known-wrong: build keeps its future in a field (like functools.cache on a method): a second build of the same
// DailyReport, for other stores, gets the first report and asks for no sales at all.
// expect-mistake: wrong-report
package asynckit.ex06.report;

import java.util.List;
import java.util.concurrent.CompletableFuture;

public final class DailyReport {
    private final SalesSource sales;
    private final ReportArchive archive;
    private CompletableFuture<String> built;

    public DailyReport(SalesSource sales, ReportArchive archive) {
        this.sales = sales;
        this.archive = archive;
    }

    public CompletableFuture<String> build(List<String> stores) {
        if (built != null) {
            return built;
        }
        List<CompletableFuture<Long>> totals = stores.stream().map(sales::sales).toList();
        built = CompletableFuture.allOf(totals.toArray(CompletableFuture[]::new))
                .thenApply(done -> ReportText.render(stores, totals.stream().map(CompletableFuture::resultNow).toList()))
                .thenCompose(text -> archive.save(text).thenApply(saved -> text));
        return built;
    }
}
