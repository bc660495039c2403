// Known-wrong: hops to the loop with runAsync, then starts the build with a plain thenCompose. The build runs on
// whichever thread completes the hop or finds it complete: the loop when main attached thenCompose first, main
// itself when the loop was quicker. Which one is a race; the sources must always be called on the loop.
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
        CompletableFuture<String> whole = CompletableFuture.runAsync(() -> { }, loop)
                .thenCompose(ignored -> report.build(stores));
        try {
            out.print(whole.join());
            return 0;
        } catch (CompletionException e) {
            out.println("report failed: " + e.getCause().getMessage());
            return 1;
        }
    }
}
