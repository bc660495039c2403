// Known-wrong: the Java twin of calling asyncio.run() inside a running loop: the step handed to the
// loop joins the report itself, so the loop thread waits for answers that only the loop can deliver.
// expect-mistake: join-on-the-loop
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
        CompletableFuture<String> whole = CompletableFuture.supplyAsync(() -> report.build(stores).join(), loop);
        try {
            out.print(whole.join());
            return 0;
        } catch (CompletionException e) {
            out.println("report failed: " + e.getCause().getMessage());
            return 1;
        }
    }
}
