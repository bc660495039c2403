// Known-wrong: supplyAsync gives a future of a future, flattened by calling a small await() helper twice: two waits at one line.
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
        try {
            out.print(await(await(CompletableFuture.supplyAsync(() -> report.build(stores), loop))));
            return 0;
        } catch (CompletionException e) {
            out.println("report failed: " + e.getCause().getMessage());
            return 1;
        }
    }

    private static <T> T await(CompletableFuture<T> future) {
        return future.join();
    }
}
