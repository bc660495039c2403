// Known-wrong: an edge that imitates "run the loop until the future is done" by polling isDone()
// in a busy loop: no join, and main burns a core the whole time.
// expect-mistake: waited-more-than-once
package asynckit.ex06;

import asynckit.ex06.report.DailyReport;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

public final class ReportCommand {
    private ReportCommand() {}

    public static int run(List<String> stores, DailyReport report, Executor loop, PrintStream out) {
        CompletableFuture<String> whole = CompletableFuture.completedFuture(stores).thenComposeAsync(report::build, loop);
        while (!whole.isDone()) {
            Thread.onSpinWait();
        }
        if (whole.isCompletedExceptionally()) {
            out.println("report failed: " + whole.exceptionNow().getMessage());
            return 1;
        }
        out.print(whole.resultNow());
        return 0;
    }
}
