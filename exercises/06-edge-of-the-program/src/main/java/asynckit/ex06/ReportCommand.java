package asynckit.ex06;

import asynckit.ex06.report.DailyReport;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Exercise 06, the edge of the program: the one place that waits. Read
 * exercises/06-edge-of-the-program/README.md first.
 */
public final class ReportCommand {
    private ReportCommand() {}

    /**
     * What {@code main} does: runs the whole report on the loop, waits for it once, prints it.
     *
     * @param stores the stores to report on
     * @param report the async part, whose {@code build} must run on the loop
     * @param loop   the event loop: a single thread that runs every piece of async code
     * @param out    where the report, or the reason it failed, is printed
     * @return the exit code: 0 when the report was built and archived, 1 when it failed
     */
    public static int run(List<String> stores, DailyReport report, Executor loop, PrintStream out) {
        throw new UnsupportedOperationException(
                "Not written yet: ReportCommand.run. See exercises/06-edge-of-the-program/README.md, 'Your task'.");
    }
}
