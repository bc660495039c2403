// Right, another style: the edge turns success and failure into an exit code with handle(), so its one
// join never throws.
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
        return CompletableFuture.supplyAsync(() -> report.build(stores), loop)
                .thenCompose(inner -> inner)
                .handle((text, error) -> {
                    if (error == null) {
                        out.print(text);
                        return 0;
                    }
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    out.println("report failed: " + cause.getMessage());
                    return 1;
                })
                .join();
    }
}
