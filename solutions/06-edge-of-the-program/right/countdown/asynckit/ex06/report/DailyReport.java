// Right, another style: a future completed by hand, with a countdown of the totals still to come. Every
// callback runs on the one loop thread, so plain fields need no locks.
package asynckit.ex06.report;

import java.util.Arrays;
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
        CompletableFuture<String> result = new CompletableFuture<>();
        Long[] cents = new Long[stores.size()];
        int[] missing = {stores.size()};
        for (int i = 0; i < stores.size(); i++) {
            int slot = i;
            sales.sales(stores.get(i)).whenComplete((total, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                    return;
                }
                cents[slot] = total;
                if (--missing[0] == 0 && !result.isDone()) {
                    save(ReportText.render(stores, Arrays.asList(cents)), result);
                }
            });
        }
        if (stores.isEmpty()) {
            save(ReportText.render(stores, List.of()), result);
        }
        return result;
    }

    private void save(String text, CompletableFuture<String> result) {
        archive.save(text).whenComplete((stored, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(text);
            }
        });
    }
}
