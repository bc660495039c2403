// Known-wrong: never blocks, but each store's sales call is chained after the previous answer.
// expect-mistake: one-at-a-time
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
        CompletableFuture<List<Long>> chain = CompletableFuture.completedFuture(new ArrayList<>());
        for (String store : stores) {
            chain = chain.thenCompose(cents -> sales.sales(store).thenApply(total -> {
                cents.add(total);
                return cents;
            }));
        }
        return chain.thenApply(cents -> ReportText.render(stores, cents))
                .thenCompose(text -> archive.save(text).thenApply(saved -> text));
    }
}
