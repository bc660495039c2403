// Known-wrong: the edge waits on a CountDownLatch counted down by a callback instead of joining the future.
// expect-mistake: blocking-synchronizer
package asynckit.ex06;

import asynckit.ex06.report.DailyReport;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.CountDownLatch;

public final class ReportCommand {
    private ReportCommand() {}

    public static int run(List<String> stores, DailyReport report, Executor loop, PrintStream out) {
        CountDownLatch done = new CountDownLatch(1);
        CompletableFuture<String> whole = CompletableFuture.completedFuture(stores).thenComposeAsync(report::build, loop);
        whole.whenComplete((text, error) -> done.countDown());
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        if (whole.isCompletedExceptionally()) {
            out.println("report failed: " + whole.exceptionNow().getMessage());
            return 1;
        }
        out.print(whole.resultNow());
        return 0;
    }
}
