// Known-wrong: right shape, but the failure is printed from the CompletionException that join()
// throws, so the user reads "java.io.IOException: ..." instead of the reason.
// expect-mistake: misreported-failure
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
            out.print(CompletableFuture.completedFuture(stores).thenComposeAsync(report::build, loop).join());
            return 0;
        } catch (CompletionException e) {
            out.println("report failed: " + e.getMessage());
            return 1;
        }
    }
}
