// Known-wrong: supplyAsync without an executor: build runs on the common pool, not the loop.
// expect-mistake: off-the-loop
package asynckit.ex06;

import asynckit.ex06.report.DailyReport;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

public final class ReportCommand {
    private ReportCommand() {}

    public static int run(List<String> stores, DailyReport report, Executor loop, PrintStream out) {
        try {
            out.print(CompletableFuture.supplyAsync(() -> report.build(stores)).thenCompose(f -> f).join());
            return 0;
        } catch (CompletionException e) {
            out.println("report failed: " + e.getCause().getMessage());
            return 1;
        }
    }
}
