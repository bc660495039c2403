// Alternative correct: printing and the exit code are steps of the composed future; the edge's one join returns the code.
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
        return CompletableFuture.completedFuture(stores)
                .thenComposeAsync(report::build, loop)
                .thenApply(text -> {
                    out.print(text);
                    return 0;
                })
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    out.println("report failed: " + cause.getMessage());
                    return 1;
                })
                .join();
    }
}
