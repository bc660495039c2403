// Right, another style: the edge bridges to the loop with a future of its own, completed from a loop
// task, and waits with get(), unwrapping ExecutionException.
package asynckit.ex06;

import asynckit.ex06.report.DailyReport;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

public final class ReportCommand {
    private ReportCommand() {}

    public static int run(List<String> stores, DailyReport report, Executor loop, PrintStream out) {
        CompletableFuture<String> whole = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                report.build(stores).whenComplete((text, error) -> {
                    if (error != null) {
                        whole.completeExceptionally(error);
                    } else {
                        whole.complete(text);
                    }
                });
            } catch (RuntimeException e) {
                whole.completeExceptionally(e);
            }
        });
        try {
            out.print(whole.get());
            return 0;
        } catch (ExecutionException e) {
            out.println("report failed: " + e.getCause().getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("report failed: interrupted");
            return 1;
        }
    }
}
