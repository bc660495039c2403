// Known-wrong (with its ReportCommand): build stops at the text, and the edge saves it in a second
// round trip: main joins the text, wakes, starts the save, and joins again.
// expect-mistake: waited-more-than-once
// expect-mistake: joined-in-the-middle
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
                .thenApply(done -> ReportText.render(stores, totals.stream().map(CompletableFuture::resultNow).toList()));
    }

    public CompletableFuture<Void> save(String text) {
        return archive.save(text);
    }
}
