// Known-wrong: "be forgiving": a store whose till fails counts as zero. The failure never reaches the
// edge, and a wrong report is printed and archived as if all were well.
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
        List<CompletableFuture<Long>> totals = stores.stream()
                .map(store -> sales.sales(store).exceptionally(error -> 0L))
                .toList();
        return CompletableFuture.allOf(totals.toArray(CompletableFuture[]::new))
                .thenApply(done -> ReportText.render(stores, totals.stream().map(CompletableFuture::resultNow).toList()))
                .thenCompose(text -> archive.save(text).thenApply(saved -> text));
    }
}
