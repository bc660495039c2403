// Known-wrong: a retry around the join ("try it twice, the archive may be back"): a failed report runs again, main
// waits once per attempt and every sales call and save is repeated, where the task asks to report the failure.
// expect-mistake: waited-more-than-once
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
        CompletionException last = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                out.print(CompletableFuture.completedFuture(stores).thenComposeAsync(report::build, loop).join());
                return 0;
            } catch (CompletionException e) {
                last = e;
            }
        }
        out.println("report failed: " + last.getCause().getMessage());
        return 1;
    }
}
