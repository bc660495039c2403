// Known-wrong: "make sure it is saved before going on", with a timed get() inside a step that runs on
// the loop. The save's answer is a task on that same loop, queued behind the waiting step.
// expect-mistake: join-on-the-loop
package asynckit.ex06.report;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

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
                .thenApply(done -> ReportText.render(stores, totals.stream().map(CompletableFuture::resultNow).toList()))
                .thenApply(text -> {
                    try {
                        archive.save(text).get(2, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                    return text;
                });
    }
}
