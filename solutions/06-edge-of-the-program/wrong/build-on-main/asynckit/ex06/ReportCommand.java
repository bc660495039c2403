// Known-wrong: the usual Java edge, report.build(stores).join(), called straight from main: the
// sources are then called on main, not on the loop they belong to.
// expect-mistake: off-the-loop
package asynckit.ex06;

import asynckit.ex06.report.DailyReport;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

public final class ReportCommand {
    private ReportCommand() {}

    public static int run(List<String> stores, DailyReport report, Executor loop, PrintStream out) {
        try {
            out.print(report.build(stores).join());
            return 0;
        } catch (CompletionException e) {
            out.println("report failed: " + e.getCause().getMessage());
            return 1;
        }
    }
}
