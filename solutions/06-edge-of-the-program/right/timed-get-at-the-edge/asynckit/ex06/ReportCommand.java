// Alternative correct: one get with a generous timeout at the edge, each outcome told apart.
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
        try {
            out.print(whole.get(1, TimeUnit.HOURS));
            return 0;
        } catch (ExecutionException e) {
            out.println("report failed: " + e.getCause().getMessage());
            return 1;
        } catch (TimeoutException e) {
            out.println("report failed: no answer within an hour");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("report failed: interrupted");
            return 1;
        }
    }
}
