// Right, another style: the hop onto the loop is a completed future composed asynchronously on it, and
// the one join sits in a small helper that turns the outcome into an exit code.
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
        CompletableFuture<String> whole = CompletableFuture.runAsync(() -> { }, loop)
                .thenComposeAsync(started -> report.build(stores), loop);
        return waitOnce(whole, out);
    }

    private static int waitOnce(CompletableFuture<String> whole, PrintStream out) {
        try {
            out.print(whole.join());
            return 0;
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            out.println("report failed: " + cause.getMessage());
            return 1;
        }
    }
}
