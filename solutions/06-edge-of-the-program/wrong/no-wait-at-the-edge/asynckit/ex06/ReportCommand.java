// Known-wrong: the edge hands the work to the loop and attaches the printing as a callback, but never
// waits: run returns 0 at once, and a real main would exit before the report exists.
// expect-mistake: edge-did-not-wait
package asynckit.ex06;

import asynckit.ex06.report.DailyReport;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

public final class ReportCommand {
    private ReportCommand() {}

    public static int run(List<String> stores, DailyReport report, Executor loop, PrintStream out) {
        CompletableFuture.completedFuture(stores)
                .thenComposeAsync(report::build, loop)
                .whenComplete((text, error) -> out.print(error == null ? text : "report failed: " + error.getMessage()));
        return 0;
    }
}
