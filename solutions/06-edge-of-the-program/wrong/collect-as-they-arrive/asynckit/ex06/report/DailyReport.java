// Known-wrong: every total is appended as it arrives (safe on one loop thread), so the figures follow
// the order the answers came in, not the order of the stores.
// expect-mistake: wrong-report
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
        CompletableFuture<?>[] arrivals = stores.stream()
                .map(store -> sales.sales(store).thenAccept(cents::add))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(arrivals)
                .thenApply(done -> ReportText.render(stores, cents))
                .thenCompose(text -> archive.save(text).thenApply(saved -> text));
    }
}
