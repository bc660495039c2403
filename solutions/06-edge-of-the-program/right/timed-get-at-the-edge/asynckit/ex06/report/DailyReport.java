// Alternative correct: the totals gathered by recursion (every call started before any is combined).
package asynckit.ex06.report;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.ArrayList;

public final class DailyReport {
    private final SalesSource sales;
    private final ReportArchive archive;

    public DailyReport(SalesSource sales, ReportArchive archive) {
        this.sales = sales;
        this.archive = archive;
    }

    public CompletableFuture<String> build(List<String> stores) {
        return gather(stores, 0)
                .thenApply(cents -> ReportText.render(stores, cents))
                .thenCompose(text -> archive.save(text).thenApply(saved -> text));
    }

    private CompletableFuture<List<Long>> gather(List<String> stores, int from) {
        if (from == stores.size()) {
            return CompletableFuture.completedFuture(new ArrayList<>());
        }
        CompletableFuture<Long> here = sales.sales(stores.get(from));
        return here.thenCombine(gather(stores, from + 1), (cents, rest) -> {
            rest.add(0, cents);
            return rest;
        });
    }
}
