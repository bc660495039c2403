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
            String text = CompletableFuture.completedFuture(stores).thenComposeAsync(report::build, loop).join();
            CompletableFuture.completedFuture(text).thenComposeAsync(report::save, loop).join();
            out.print(text);
            return 0;
        } catch (CompletionException e) {
            out.println("report failed: " + e.getCause().getMessage());
            return 1;
        }
    }
}
