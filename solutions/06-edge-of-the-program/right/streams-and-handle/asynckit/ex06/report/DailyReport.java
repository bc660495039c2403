// Right, another style: the totals are folded into one future of a list with thenCombine (order kept by
// the fold), and the save's future is combined with the text instead of chained after it.
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
        CompletableFuture<List<Long>> cents = stores.stream()
                .map(sales::sales)
                .reduce(CompletableFuture.completedFuture(List.of()),
                        (sofar, next) -> sofar.thenCombine(next, DailyReport::append),
                        (a, b) -> a.thenCombine(b, DailyReport::concat));
        return cents.thenApply(list -> ReportText.render(stores, list))
                .thenCompose(text -> archive.save(text).thenApply(stored -> text));
    }

    private static List<Long> append(List<Long> list, Long value) {
        List<Long> out = new ArrayList<>(list);
        out.add(value);
        return out;
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        List<Long> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
