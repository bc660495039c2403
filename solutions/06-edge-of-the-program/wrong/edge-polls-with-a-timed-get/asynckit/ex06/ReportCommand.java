// Known-wrong: the edge waits in slices, get(10 ms) in a loop, 'so it can notice a hang': it polls.
// expect-mistake: waited-more-than-once
package asynckit.ex06;

import asynckit.ex06.report.DailyReport;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

public final class ReportCommand {
    private ReportCommand() {}

    public static int run(List<String> stores, DailyReport report, Executor loop, PrintStream out) {
        CompletableFuture<String> whole = CompletableFuture.completedFuture(stores).thenComposeAsync(report::build, loop);
        while (true) {
            try {
                out.print(whole.get(10, TimeUnit.MILLISECONDS));
                return 0;
            } catch (TimeoutException stillRunning) {
                // not yet: look again
            } catch (ExecutionException e) {
                out.println("report failed: " + e.getCause().getMessage());
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
        }
    }
}
