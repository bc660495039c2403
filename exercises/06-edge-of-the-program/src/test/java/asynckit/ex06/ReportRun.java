package asynckit.ex06;

import static asynckit.ex06.ReportCommandTest.BLOCKED_THE_LOOP;
import static asynckit.ex06.ReportCommandTest.EDGE_DID_NOT_WAIT;
import static asynckit.ex06.ReportCommandTest.JOINED_IN_THE_MIDDLE;
import static asynckit.ex06.ReportCommandTest.JOIN_ON_THE_LOOP;
import static asynckit.ex06.ReportCommandTest.LESSON;
import static asynckit.ex06.ReportCommandTest.OFF_THE_LOOP;
import static asynckit.ex06.ReportCommandTest.WAITED_MORE_THAN_ONCE;
import static java.nio.charset.StandardCharsets.UTF_8;

import asynckit.ex06.report.DailyReport;
import asynckit.testkit.DroppedFutures;
import asynckit.testkit.EdgeThread;
import asynckit.testkit.LoopBoundService;
import asynckit.testkit.Mistake;
import asynckit.testkit.StuckLoop;
import asynckit.testkit.Teach;
import asynckit.testkit.TimeScale;
import asynckit.testkit.Timeline;
import asynckit.testkit.WatchedLoop;
import asynckit.testkit.internal.Sneaky;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.opentest4j.AssertionFailedError;

/**
 * One run of the command, driven by a test: the loop (watched), the two loop-bound sources (answered by
 * the test, or at once), the ledger of futures handed out, and {@code main} on a thread of its own.
 * Between steps the test {@link #settle()}s: it waits until main is parked or finished and the loop is
 * idle, failing at once, with the loop's stack, if the loop is stuck.
 */
final class ReportRun implements AutoCloseable {
    static final List<String> STORES = List.of("north", "south", "east");
    static final Map<String, Long> CENTS = Map.of("north", 1_250L, "south", 300L, "east", 10_025L);

    /** How long a step may take to settle once the work has been handed to the loop. */
    private static final Duration SETTLE_BOUND = TimeScale.millis(2_000);
    /** How long main may take to hand the work over (a cold JVM on a loaded machine loads many classes). */
    private static final Duration STARTUP_BOUND = TimeScale.millis(5_000);
    /** How long the loop must have been idle before a step counts as settled. */
    private static final Duration LOOP_QUIET = TimeScale.millis(5);
    /** How long a verdict that main is stuck waits for main to move first (a woken thread may not have run yet). */
    static final Duration CONFIRM = TimeScale.millis(200);
    /** CPU that main may use, with the work handed over and the loop idle, before it counts as polling. */
    private static final Duration MAIN_BUSY_CPU = TimeScale.millis(100);

    /** A stuck loop fails every step at once: a join or get on the loop names its own mistake, anything else blocked-the-loop. */
    static final StuckLoop.Meaning STUCK = StuckLoop.meaning()
            .whenInOneTask(BLOCKED_THE_LOOP)
            .when(StuckLoop.Kind.BUSY, BLOCKED_THE_LOOP)
            .when(StuckLoop.Kind.WAITS_FOR_A_FUTURE, JOIN_ON_THE_LOOP, "asyncio refuses this outright (asyncio.run()"
                    + " inside a running loop raises an error); Java just waits forever. Code on the loop composes"
                    + " (thenApply, thenCompose, allOf); only the edge joins.");

    final Timeline timeline = new Timeline();
    final WatchedLoop loop = WatchedLoop.start("loop").whenStuck(STUCK.drawing(timeline));
    final StuckLoop stuck = StuckLoop.watch(loop);
    final DroppedFutures ledger = DroppedFutures.in(LESSON.learnerClasses());
    final LoopBoundService<Long> sales = new LoopBoundService<>("sales", loop, timeline, ledger);
    final LoopBoundService<Void> archive = new LoopBoundService<>("save", loop, timeline, ledger);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, UTF_8);
    private volatile String printedWhenRunReturned;
    private volatile List<String> pendingWhenRunReturned = List.of();
    EdgeThread<Integer> main;
    /** main's thread, known from its first instruction on (before {@link #main} is assigned). */
    private volatile Thread edge;
    private volatile boolean handOversAtOnce;
    /** The one DailyReport of this run, made by the first start. */
    private DailyReport report;

    /** The report the sources' answers make, as ReportText lays it out. */
    static String expectedText() {
        return asynckit.ex06.report.ReportText.render(STORES, STORES.stream().map(CENTS::get).toList());
    }

    /** Every call is answered at once (on the loop). */
    ReportRun answeredAtOnce() {
        sales.answerAtOnce(CENTS::get);
        archive.answerAtOnce(key -> null);
        return this;
    }

    /**
     * Whatever main hands to the loop has run there before the hand-over returns: the fastest loop there can be.
     * Code that is right only when the loop is slower than main (a plain thenCompose after runAsync(..., loop),
     * which then runs on main) is caught every time, not when the scheduler happens to favour the loop.
     */
    ReportRun loopRunsHandOversAtOnce() {
        handOversAtOnce = true;
        loop.runHandOversAtOnce(t -> t == edge);
        return this;
    }

    /** Starts main: {@code ReportCommand.run(STORES, report, loop, out)}. */
    ReportRun start() {
        return start(STORES);
    }

    /**
     * Starts main on {@code stores}. A second start runs again with the same DailyReport (a new main, the output
     * cleared), so that anything the first build kept shows in the second.
     */
    ReportRun start(List<String> stores) {
        if (report == null) {
            report = new DailyReport(store -> sales.call(store, store), text -> archive.call("report", text));
        }
        bytes.reset();
        printedWhenRunReturned = null;
        DailyReport report = this.report;
        main = EdgeThread.start("main", () -> {
            edge = Thread.currentThread();
            int code = ReportCommand.run(stores, report, loop.executor(), out);
            printedWhenRunReturned = printed();
            pendingWhenRunReturned = pendingLabels();
            return code;
        });
        return this;
    }

    String printed() {
        return bytes.toString(UTF_8);
    }

    /** What had been printed when run returned (null while it has not). */
    String printedWhenRunReturned() {
        return printedWhenRunReturned;
    }

    List<String> pendingWhenRunReturned() {
        return pendingWhenRunReturned;
    }

    List<String> pendingLabels() {
        return Stream.concat(sales.pending().stream().map(c -> c.label("sales")),
                archive.pending().stream().map(c -> c.label("save"))).toList();
    }

    int exitCode() {
        return main.outcome().resultNow();
    }

    /**
     * Waits until nothing moves: main parked or finished, the loop idle, nothing changing for a few samples.
     * Fails at once when the loop is stuck; fails when main, after handing the work over, keeps using the
     * CPU or waking up while nothing has changed (it polls). Time alone never fails: a loaded machine
     * makes right code slow, not busy.
     */
    void settle() {
        long start = System.nanoTime();
        int stable = 0;
        long lastTasks = -1;
        long lastWaits = -1;
        long busySince = -1;
        long idleSince = -1;
        long cpuAtBusyStart = 0;
        long waitsAtBusyStart = 0;
        while (true) {
            stuck.failIfStuck();
            long now = System.nanoTime();
            boolean loopIdle = stuck.idle();
            // Parked while handing the work to the loop (its queue's lock, on a loaded machine) is not quiet.
            boolean mainQuiet = main.finished() || main.parked() && !main.handingWorkOver();
            long tasks = stuck.tasksRun();
            long waits = main.waits();
            if (!loopIdle || tasks != lastTasks) {
                idleSince = now;
            }
            if (loopIdle && mainQuiet && tasks == lastTasks && waits == lastWaits) {
                stable++;
            } else {
                stable = 0;
            }
            // A thread that has just been woken reads WAITING until it runs again: give it a moment.
            if (stable >= 3 && now - idleSince >= LOOP_QUIET.toNanos()) {
                return;
            }
            boolean handedOver = sales.callCount() + archive.callCount() > 0;
            if (loopIdle && handedOver && !main.finished()) {
                if (busySince < 0) {
                    busySince = now;
                    cpuAtBusyStart = main.cpuNanos();
                    waitsAtBusyStart = waits;
                } else {
                    long cpu = main.cpuNanos() - cpuAtBusyStart;
                    long parks = waits - waitsAtBusyStart;
                    if (cpu >= MAIN_BUSY_CPU.toNanos() || parks >= 20) {
                        throw mainPolls(now - busySince, cpu, parks);
                    }
                }
            } else {
                busySince = -1;
            }
            lastTasks = tasks;
            lastWaits = waits;
            if (now - start > (handedOver ? SETTLE_BOUND : STARTUP_BOUND).toNanos()) {
                throw neverSettled(now - start);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** Settles until main has finished; when main stays parked with nothing left to answer, fails with {@code hang}. */
    void awaitFinished(Mistake hang, String why) {
        long outsideSince = -1;
        int rounds = 0;
        while (rounds < 20) {
            settle();
            checkHealthy();
            if (main.finished()) {
                return;
            }
            boolean answered = pendingLabels().isEmpty();
            // Parked outside the learner's code (on a lock of the test's own, or recording what run printed after
            // it returned): a loaded machine has not let main run yet. That is no wait of theirs to judge, and no
            // round counts until it has passed.
            if (answered && main.waitSite() == null) {
                long now = System.nanoTime();
                outsideSince = outsideSince < 0 ? now : outsideSince;
                if (now - outsideSince < STARTUP_BOUND.toNanos()) {
                    LockSupport.parkNanos(1_000_000);
                    continue;
                }
            }
            rounds++;
            if (answered && !mainMoves(main.waits(), main.waitSite(), CONFIRM)) {
                throw hang.report()
                        .saw("Every call has been answered and the loop is idle, yet main is still waiting at "
                                + main.waitSite() + ". " + why)
                        .detail("Where main waits:\n" + main.stackExcerpt())
                        .timeline(timeline)
                        .failure();
            }
        }
        throw hang.report().saw("main did not finish. " + why).timeline(timeline).failure();
    }

    /**
     * Waits up to {@code within} for main to finish, park again, stop elsewhere, or start a call; settles
     * and returns true if it did. Used before a verdict that rests on main staying where it is.
     */
    boolean mainMoves(long waits, StackTraceElement site, Duration within) {
        int calls = sales.callCount() + archive.callCount();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (main.finished() || main.waits() != waits || !Objects.equals(site, main.waitSite())
                    || sales.callCount() + archive.callCount() != calls || !main.parked()) {
                settle();
                return true;
            }
            LockSupport.parkNanos(1_000_000);
        }
        return false;
    }

    /**
     * The checks every step makes: a stub's "not written yet" reaches the learner as it is; every source call
     * must have been made on the loop.
     */
    void checkHealthy() {
        if (main.finished() && main.outcome().isCompletedExceptionally()) {
            Throwable thrown = main.outcome().exceptionNow();
            Throwable cause = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
            if (cause instanceof UnsupportedOperationException) {
                throw Sneaky.rethrow(cause);
            }
        }
        String output = printed();
        if (output.contains("Not written yet")) {
            throw new AssertionFailedError("run printed: " + output.strip());
        }
        List<LoopBoundService.Call<?>> off = new ArrayList<>();
        off.addAll(sales.offLoop());
        off.addAll(archive.offLoop());
        if (!off.isEmpty()) {
            LoopBoundService.Call<?> first = off.get(0);
            String service = sales.offLoop().contains(first) ? "sales" : "save";
            Teach.Report report = OFF_THE_LOOP.report()
                    .saw(first.label(service) + " was called on thread '" + first.thread() + "', at "
                            + DroppedFutures.where(first.site()) + ", not on the loop thread '" + loop.thread().getName()
                            + "'" + (off.size() > 1 ? " (and " + (off.size() - 1) + " more call" + (off.size() == 2 ? "" : "s")
                            + " like it)" : "") + ".\nThe sources belong to the loop, as asyncio clients belong to"
                            + " theirs. The edge hands the whole report to the loop (thenComposeAsync(report::build,"
                            + " loop)); build and every step after it then run there.");
            if (handOversAtOnce && first.thread().equals(main.name())) {
                report.saw("In this test the loop runs whatever main hands it before main goes on (a quick loop may"
                        + " always do so). A step main chains without Async (thenCompose, thenApply) onto a future the"
                        + " loop has already completed runs on main itself, at once: a hop to the loop (runAsync(...,"
                        + " loop)) followed by a plain thenCompose(... build ...) calls the sources on main whenever the"
                        + " loop is quicker than main. Hand build itself to the loop with thenComposeAsync(report::build,"
                        + " loop).");
            }
            throw report.timeline(timeline).failure();
        }
    }

    private AssertionFailedError mainPolls(long nanos, long cpuNanos, long parks) {
        String what = parks >= 20
                ? "main parked and woke " + parks + " times in " + nanos / 1_000_000 + " ms"
                : "main used " + cpuNanos / 1_000_000 + " ms of CPU in " + nanos / 1_000_000 + " ms";
        return WAITED_MORE_THAN_ONCE.report()
                .saw(what + " while the loop was idle and nothing had changed: it checks whether the work is done"
                        + " again and again (a loop over isDone(), a sleep, a timed get) instead of waiting once.")
                .detail("Where main was:\n" + main.stackExcerpt())
                .timeline(timeline)
                .failure();
    }

    private AssertionFailedError neverSettled(long nanos) {
        if (!stuck.idle()) {
            return BLOCKED_THE_LOOP.report()
                    .saw("For " + nanos / 1_000_000 + " ms the loop never went idle: it ran " + stuck.tasksRun()
                            + " tasks, where the work needs a handful. Something keeps putting tasks on the loop.")
                    .timeline(timeline)
                    .failure();
        }
        return WAITED_MORE_THAN_ONCE.report()
                .saw("For " + nanos / 1_000_000 + " ms main never settled into one wait (state " + main.state()
                        + ", parked " + main.waits() + " times so far).")
                .detail("Where main was:\n" + main.stackExcerpt())
                .timeline(timeline)
                .failure();
    }

    /**
     * main finished while work was still pending: says which mistake the evidence shows. A pending save
     * whose future nothing composed is a dropped future (named by its line); a pending save that was
     * composed into something main did not wait for is a dropped future too; anything else pending means
     * main never waited for the whole work.
     */
    AssertionFailedError finishedEarly(String moment) {
        List<String> pending = pendingWhenRunReturned;
        String printed = printedWhenRunReturned == null ? printed() : printedWhenRunReturned;
        String said = "run returned " + describeOutcome() + " " + moment + (pending.isEmpty()
                ? ", before the loop had made a single call: the work had not even started."
                : ", while " + String.join(", ", pending) + (pending.size() == 1 ? " was" : " were") + " still in flight.");
        boolean onlySaves = !pending.isEmpty() && pending.stream().allMatch(p -> p.startsWith("save("));
        if (onlySaves) {
            List<LoopBoundService.Call<Void>> saves = archive.calls();
            DroppedFutures.Entry save = ledger.entry(saves.get(saves.size() - 1).future()).orElseThrow();
            if (!save.composed()) {
                return ReportCommandTest.DROPPED_FUTURE.report()
                        .saw(said + "\nThe future of " + save.describe() + ". So nothing waits for the save:"
                                + " a real main would exit and the report might never be stored, and if the save"
                                + " fails, nobody hears of it.")
                        .timeline(timeline)
                        .failure();
            }
            return ReportCommandTest.DROPPED_FUTURE.report()
                    .saw(said + "\nThe save's future was composed (with " + save.composedBy() + ", at " + save.where()
                            + "), but the future that came out of that step was dropped: the future main joins does"
                            + " not lead through the save.")
                    .timeline(timeline)
                    .failure();
        }
        return EDGE_DID_NOT_WAIT.report()
                .saw(said + (printed == null || printed.isEmpty() ? " Nothing had been printed yet." : ""))
                .saw(main.waits() <= 0 ? "main never waited at all."
                        : "main waited for something, but not for the future of the whole report.")
                .timeline(timeline)
                .failure();
    }

    String describeOutcome() {
        if (!main.finished()) {
            return "(still running)";
        }
        if (main.outcome().isCompletedExceptionally()) {
            return "by throwing " + main.outcome().exceptionNow();
        }
        return "exit code " + main.outcome().resultNow();
    }

    /**
     * After main first parked at {@code site} having waited {@code waits} times: fails when it has woken and
     * parked again, or stopped somewhere else, before the report is done.
     */
    void checkStillInTheSameWait(long waits, StackTraceElement site, int callsBefore, String moment) {
        if (main.finished()) {
            return;
        }
        StackTraceElement now = main.waitSite();
        if (main.waits() == waits && Objects.equals(now, site)) {
            return;
        }
        int callsNow = sales.callCount() + archive.callCount();
        boolean startedMore = callsNow > callsBefore;
        List<Mistake> named = startedMore ? List.of(WAITED_MORE_THAN_ONCE, JOINED_IN_THE_MIDDLE)
                : List.of(WAITED_MORE_THAN_ONCE);
        throw Teach.about(named)
                .saw("main first waited at " + site + ". " + moment + ", it woke up and now waits "
                        + (Objects.equals(now, site) ? "at the same line again" : "at " + now) + " (parked "
                        + (main.waits() - waits + 1) + " times since), although the report is not done."
                        + (startedMore ? "\nBetween its waits, more calls were started: main joined before all the"
                        + " async work had been composed into one future." : ""))
                .detail("Where main waits now:\n" + main.stackExcerpt())
                .timeline(timeline)
                .failure();
    }

    @Override
    public void close() {
        // Unstick whatever still waits: answer every pending call directly, from a helper thread (learner code
        // may run there and block it), until nothing is pending and the loop is idle.
        Thread cleaner = new Thread(() -> {
            long end = System.nanoTime() + TimeScale.millis(500).toNanos();
            while (System.nanoTime() < end) {
                int answered = sales.releaseAll(key -> CENTS.getOrDefault(key, 0L)) + archive.releaseAll(key -> null);
                if (answered == 0 && stuck.idle() && (main == null || main.finished() || main.parked())) {
                    return;
                }
                LockSupport.parkNanos(1_000_000);
            }
        }, "test-cleanup");
        cleaner.setDaemon(true);
        cleaner.start();
        try {
            cleaner.join(TimeScale.millis(300).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop.close();
    }
}
