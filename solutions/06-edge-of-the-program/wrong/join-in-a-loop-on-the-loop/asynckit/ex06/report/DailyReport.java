// Known-wrong: the asyncio habit "for store in stores: total = await sales(store)" written with join().
// build runs on the loop, and every answer is delivered by the loop: the first join waits for a task
// queued behind itself.
// expect-mistake: join-on-the-loop
package asynckit.ex06.report;

import java.util.ArrayList;
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
        List<Long> cents = new ArrayList<>();
        for (String store : stores) {
            cents.add(sales.sales(store).join());
        }
        String text = ReportText.render(stores, cents);
        return archive.save(text).thenApply(saved -> text);
    }
}
