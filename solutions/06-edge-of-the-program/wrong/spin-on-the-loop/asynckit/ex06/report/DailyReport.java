// Known-wrong: no join anywhere, but build spins on isDone() until every total is in. It runs on the
// loop, and the totals are delivered by the loop: it spins forever.
// expect-mistake: blocked-the-loop
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
        while (!totals.stream().allMatch(CompletableFuture::isDone)) {
            Thread.onSpinWait();
        }
        String text = ReportText.render(stores, totals.stream().map(CompletableFuture::resultNow).toList());
        return archive.save(text).thenApply(saved -> text);
    }
}
