// Known-wrong: the message of the root cause (a loop over getCause(), like the last line of a traceback) is one
// level too deep when the original exception has a cause of its own: "report failed: connection reset".
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
        CompletableFuture<String> whole = CompletableFuture.completedFuture(stores)
                .thenComposeAsync(report::build, loop);
        try {
            out.print(whole.join());
            return 0;
        } catch (CompletionException e) {
            // like traceback's last line: the innermost exception is the real one
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            out.println("report failed: " + root.getMessage());
            return 1;
        }
    }
}
