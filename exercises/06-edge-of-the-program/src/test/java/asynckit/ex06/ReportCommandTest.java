package asynckit.ex06;

import static asynckit.ex06.ReportRun.CENTS;
import static asynckit.ex06.ReportRun.STORES;
import static java.util.Comparator.comparing;

import asynckit.testkit.BlockingCalls;
import asynckit.testkit.DroppedFutures;
import asynckit.testkit.Exercise;
import asynckit.testkit.Lesson;
import asynckit.testkit.LoopBoundService;
import asynckit.testkit.ManualFutures;
import asynckit.testkit.Mistake;
import asynckit.testkit.NoBlockingCalls;
import asynckit.testkit.Points;
import asynckit.testkit.Teach;
import asynckit.testkit.ThreadWatch;
import asynckit.testkit.WatchedLoop;
import asynckit.testkit.internal.BlockingKind;
import asynckit.testkit.internal.ClassImports;
import asynckit.testkit.internal.Stacks;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@Exercise("06-edge-of-the-program")
@DisplayName("06 The edge: one join, at the top: ReportCommand.run and DailyReport.build")
class ReportCommandTest implements NoBlockingCalls {
    static final Lesson LESSON = Lesson.of(ReportCommandTest.class);
    static final Mistake OFF_THE_LOOP = LESSON.mistake("off-the-loop");
    static final Mistake ONE_AT_A_TIME = LESSON.mistake("one-at-a-time");
    static final Mistake WRONG_REPORT = LESSON.mistake("wrong-report");
    static final Mistake JOIN_ON_THE_LOOP = LESSON.mistake("join-on-the-loop");
    static final Mistake BLOCKED_THE_LOOP = LESSON.mistake("blocked-the-loop");
    static final Mistake EDGE_DID_NOT_WAIT = LESSON.mistake("edge-did-not-wait");
    static final Mistake WAITED_MORE_THAN_ONCE = LESSON.mistake("waited-more-than-once");
    static final Mistake JOINED_IN_THE_MIDDLE = LESSON.mistake("joined-in-the-middle");
    static final Mistake DROPPED_FUTURE = LESSON.mistake("dropped-future");
    static final Mistake LOST_FAILURE = LESSON.mistake("lost-failure");
    static final Mistake MISREPORTED_FAILURE = LESSON.mistake("misreported-failure");

    private static final String TEXT = ReportRun.expectedText();
    private static final String NEVER_COMPLETES = "The future it joins never completes.";

    @Test
    @Points(2)
    @DisplayName("makes every call on the loop: main hands the whole report to the loop")
    void everyCallIsMadeOnTheLoop() {
        // The loop runs what main hands it before main goes on: a step chained onto the hop without Async then runs
        // on main every time (the other tests leave the loop to its usual pace, which mostly lets main go first).
        try (ReportRun run = new ReportRun().answeredAtOnce().loopRunsHandOversAtOnce().start()) {
            run.awaitFinished(WRONG_REPORT, NEVER_COMPLETES);
            assertReportPrinted(run);
        }
    }

    @Test
    @Points(2)
    @DisplayName("has every sales call in flight at once while main waits")
    void everySalesCallInFlightTogether() {
        try (ReportRun run = new ReportRun().start()) {
            run.settle();
            run.checkHealthy();
            if (run.main.finished()) {
                throw run.finishedEarly("before any call had been answered");
            }
            long waits = run.main.waits();
            StackTraceElement site = run.main.waitSite();
            int made = run.sales.callCount();
            if (made == 3) {
                return;
            }
            if (made == 0 && run.stuck.tasksRun() == 0) {
                throw OFF_THE_LOOP.report()
                        .saw("main is waiting at " + site + ", and not one task has run on the loop: the report's work"
                                + " was handed to some other thread (supplyAsync or thenComposeAsync without the loop,"
                                + " or an executor of its own), where it has not even started yet.\nThe sources"
                                + " belong to the loop: hand the whole report to it with thenComposeAsync(report::build,"
                                + " loop).")
                        .detail("Where main waits:\n" + run.main.stackExcerpt())
                        .failure();
            }
            if (made == 0) {
                throw JOINED_IN_THE_MIDDLE.report()
                        .saw("main is waiting at " + site + ", the loop is idle, and not one sales call has been made:"
                                + " main waits for something that does not lead to the report's work.")
                        .detail("Where main waits:\n" + run.main.stackExcerpt())
                        .failure();
            }
            // Who makes the next call: the loop, while main keeps waiting (one at a time), or main, once awake?
            for (int round = 0; round < 3 && run.sales.callCount() < 3; round++) {
                List<LoopBoundService.Call<Long>> pending = run.sales.pending();
                if (pending.isEmpty()) {
                    break;
                }
                String key = pending.get(0).key();
                run.sales.complete(key, CENTS.get(key));
                run.settle();
                run.checkHealthy();
                run.mainMoves(waits, site, ReportRun.CONFIRM);
                if (run.main.finished()) {
                    throw run.finishedEarly("after sales(" + key + ") answered");
                }
                if (run.main.waits() != waits || !Objects.equals(site, run.main.waitSite())) {
                    throw Teach.about(List.of(WAITED_MORE_THAN_ONCE, JOINED_IN_THE_MIDDLE))
                            .saw("main waited at " + site + " while only " + made + " of 3 sales calls had been made."
                                    + " When sales(" + key + ") answered, main woke up, and now waits again at "
                                    + run.main.waitSite() + ": it joins step by step instead of once for the whole"
                                    + " report.")
                            .timeline(run.timeline)
                            .failure();
                }
            }
            throw ONE_AT_A_TIME.report()
                    .saw("While main waited at " + site + " and the loop was idle, only " + made + " of 3 sales calls"
                            + (made == 1 ? " was" : " were") + " in flight. Each next call was made only after the previous one had answered.")
                    .timeline(run.timeline)
                    .failure();
        }
    }

    @Test
    @Points(5)
    @DisplayName("main waits once, in one join, until the report is built and saved, then prints it")
    void mainWaitsOnceAtTheEdge() {
        try (ReportRun run = new ReportRun().start()) {
            run.settle();
            run.checkHealthy();
            if (run.main.finished()) {
                throw run.finishedEarly("before any call had been answered");
            }
            long waits = run.main.waits();
            StackTraceElement site = run.main.waitSite();
            // The sales answer last store first (east, south, north), one at a time; main must not stir.
            for (int round = 0; round < 6; round++) {
                List<LoopBoundService.Call<Long>> pending = run.sales.pending();
                if (pending.isEmpty()) {
                    break;
                }
                String key = pending.stream().max(comparing(c -> STORES.indexOf(c.key()))).orElseThrow().key();
                int callsBefore = run.sales.callCount() + run.archive.callCount();
                run.sales.complete(key, CENTS.get(key));
                run.settle();
                run.checkHealthy();
                if (run.main.finished()) {
                    throw run.finishedEarly("after sales(" + key + ") answered");
                }
                run.checkStillInTheSameWait(waits, site, callsBefore, "When sales(" + key + ") answered");
            }
            List<LoopBoundService.Call<Void>> saves = run.archive.calls();
            if (saves.isEmpty() && run.mainMoves(waits, site, ReportRun.CONFIRM)) {
                if (run.main.finished()) {
                    throw run.finishedEarly("after every sales call had answered");
                }
                run.checkStillInTheSameWait(waits, site, run.sales.callCount(), "When the last sales call answered");
                saves = run.archive.calls();
            }
            if (saves.isEmpty()) {
                throw WRONG_REPORT.report()
                        .saw("Every sales call has answered, main is waiting and the loop is idle, but the report was"
                                + " never handed to archive.save.")
                        .timeline(run.timeline)
                        .failure();
            }
            checkSavedText(run, saves.get(0));
            int callsBefore = run.sales.callCount() + run.archive.callCount();
            run.archive.complete("report", null);
            run.settle();
            run.checkHealthy();
            run.mainMoves(waits, site, ReportRun.CONFIRM);
            run.checkStillInTheSameWait(waits, site, callsBefore, "When the save finished");
            run.awaitFinished(WRONG_REPORT, NEVER_COMPLETES);
            assertReportPrinted(run);
        }
    }

    @Test
    @Points(5)
    @DisplayName("never waits on the loop: no join or get there, where it would wait for work queued behind itself")
    void neverWaitsOnTheLoop() {
        try (ReportRun run = new ReportRun().answeredAtOnce().start()) {
            run.awaitFinished(WRONG_REPORT, NEVER_COMPLETES);
            // Waits that did end in time still held the loop: the watchdog's record of them.
            for (WatchedLoop.Episode e : run.loop.episodes()) {
                if (e.kind() != WatchedLoop.Kind.BLOCKED || e.stack().length == 0
                        || !isJdk(e.stack()[0].getClassName())) {
                    continue;
                }
                Mistake mistake = ThreadWatch.waitsForAFuture(e.stack()) ? JOIN_ON_THE_LOOP : BLOCKED_THE_LOOP;
                throw mistake.report()
                        .saw("The watchdog saw " + e.describe() + ". Meanwhile nothing else on the loop could run.")
                        .detail("Where the loop thread was:\n" + Stacks.excerpt(e.stack()))
                        .timeline(run.timeline)
                        .failure();
            }
            if (run.stuck.tasksRun() > 50) {
                throw BLOCKED_THE_LOOP.report()
                        .saw("The loop ran " + run.stuck.tasksRun() + " tasks for one report of 3 stores; right code"
                                + " needs about 6. Something keeps putting tiny tasks on the loop.")
                        .failure();
            }
            assertReportPrinted(run);
        }
    }

    @Test
    @Points(3)
    @DisplayName("finishes only after the archive has stored the report: the save's future is composed, not dropped")
    void finishesOnlyAfterTheSave() {
        try (ReportRun run = new ReportRun()) {
            run.sales.answerAtOnce(CENTS::get);
            run.start();
            run.settle();
            run.checkHealthy();
            if (run.main.finished()) {
                throw run.finishedEarly("before the archive had stored the report");
            }
            long waits = run.main.waits();
            StackTraceElement site = run.main.waitSite();
            if (run.archive.callCount() == 0 && run.mainMoves(waits, site, ReportRun.CONFIRM)) {
                if (run.main.finished()) {
                    throw run.finishedEarly("before the archive had stored the report");
                }
                run.checkStillInTheSameWait(waits, site, run.sales.callCount(), "When the last sales call answered");
            }
            if (run.archive.callCount() == 0) {
                throw WRONG_REPORT.report()
                        .saw("Every sales call has answered, main is waiting and the loop is idle, but the report was"
                                + " never handed to archive.save.")
                        .timeline(run.timeline)
                        .failure();
            }
            run.archive.complete("report", null);
            run.awaitFinished(WRONG_REPORT, NEVER_COMPLETES);
            assertReportPrinted(run);
        }
    }

    @Test
    @Points(3)
    @DisplayName("fails when the save fails: prints 'report failed: archive offline' and returns 1")
    void aFailedSaveFailsTheCommand() {
        // With a cause of its own, as a real client's exception often has: its message, not the cause's, is the one to print.
        IOException offline = new IOException("archive offline", new java.net.SocketException("connection reset"));
        try (ReportRun run = new ReportRun()) {
            run.sales.answerAtOnce(CENTS::get);
            run.archive.failAtOnce(key -> offline);
            run.start();
            run.awaitFinished(LOST_FAILURE, "save(report) failed, and the failure never reached the future main joins.");
            assertFailureReported(run, "save(report)", offline, run.archive.calls().stream()
                    .findFirst().map(LoopBoundService.Call::future));
            assertTriedOnce(run, "save(report)");
        }
    }

    @Test
    @Points(2)
    @DisplayName("fails when a sales call fails: prints that call's own message, returns 1, and saves nothing")
    void aFailedSalesCallFailsTheCommand() {
        IOException till = new IOException("south: till offline", new java.net.ConnectException("connection refused"));
        try (ReportRun run = new ReportRun()) {
            run.sales.answerAtOnce(CENTS::get);
            run.sales.failAtOnce(key -> key.equals("south") ? till : null);
            run.archive.answerAtOnce(key -> null);
            run.start();
            run.awaitFinished(LOST_FAILURE, "sales(south) failed, and the failure never reached the future main joins.");
            assertFailureReported(run, "sales(south)", till, run.sales.calls().stream()
                    .filter(c -> c.key().equals("south")).findFirst().map(LoopBoundService.Call::future));
            assertTriedOnce(run, "sales(south)");
            if (run.archive.callCount() > 0) {
                throw WRONG_REPORT.report()
                        .saw("sales(south) failed, yet a report was handed to archive.save:\n"
                                + run.archive.calls().get(0).argument())
                        .timeline(run.timeline)
                        .failure();
            }
        }
    }

    @Test
    @Points(1)
    @DisplayName("the edge waits in exactly one place: one join (or get), and no other blocking call")
    void theEdgeWaitsInOnePlace() {
        worksOnce();
        int hint = LESSON.hint("join-once-at-the-edge");
        List<BlockingCalls.Violation> inEdge = BlockingCalls.in(ReportCommand.class, LESSON, hint).forbidAll()
                .violations().stream()
                .filter(v -> v.where().startsWith("ReportCommand.java:"))
                .toList();
        List<BlockingCalls.Violation> waits = inEdge.stream().filter(v -> v.kind() == BlockingKind.FUTURE_WAIT).toList();
        List<BlockingCalls.Violation> others = inEdge.stream().filter(v -> v.kind() != BlockingKind.FUTURE_WAIT).toList();
        if (!others.isEmpty()) {
            List<Mistake> named = new ArrayList<>();
            others.stream().map(BlockingCalls.Violation::kind).distinct().forEach(k -> named.add(LESSON.mistake(k.id(),
                    "the edge blocks in a way other than its one join.", hint)));
            Teach.Report report = Teach.about(named);
            others.forEach(v -> report.saw(v.where() + "  in " + v.origin() + ": " + v.call() + ". It " + v.kind().does()
                    + "."));
            throw report.saw("The edge's one wait is a join (or get) on the future of the whole report.").failure();
        }
        if (waits.size() > 1) {
            Teach.Report report = WAITED_MORE_THAN_ONCE.report()
                    .saw("ReportCommand waits " + waits.size() + " times:");
            waits.stream().map(v -> v.where() + "  in " + v.origin() + ": " + v.call()).distinct().forEach(line -> {
                long times = waits.stream().filter(v -> line.equals(v.where() + "  in " + v.origin() + ": " + v.call())).count();
                report.saw("- " + line + (times > 1 ? " (" + times + " times on this line)" : ""));
            });
            throw report.saw("Compose everything into one future first (thenCompose flattens a future of a future),"
                    + " then join that one future once.").failure();
        }
        // One join site, but reached more than once: a helper that waits, called twice (await(await(...))).
        List<String> reached = waitsReached();
        if (reached.size() > 1) {
            Teach.Report report = WAITED_MORE_THAN_ONCE.report()
                    .saw("ReportCommand has one wait, but reaches it " + reached.size() + " times:");
            reached.forEach(path -> report.saw("- " + path));
            throw report.saw("Waiting through a helper is still waiting: a helper called on the result of itself, or"
                    + " twice, joins twice. Flatten a future of a future with thenCompose(f -> f), then join once.")
                    .failure();
        }
    }

    /**
     * Every way the edge's code reaches a wait: each join or get in a method of ReportCommand.java, once for every
     * call that leads to that method from another of its methods (a helper called twice waits twice).
     */
    private static List<String> waitsReached() {
        JavaClasses classes = ClassImports.of(ReportCommand.class);
        List<JavaCodeUnit> edge = classes.stream()
                .filter(c -> "ReportCommand.java".equals(c.getSourceCodeLocation().getSourceFileName()))
                .flatMap(c -> c.getCodeUnits().stream())
                .toList();
        Set<JavaCodeUnit> called = new HashSet<>();
        for (JavaCodeUnit unit : edge) {
            for (JavaAccess<?> access : unit.getAccessesFromSelf()) {
                calledMember(access).filter(edge::contains).ifPresent(called::add);
            }
        }
        List<String> reached = new ArrayList<>();
        edge.stream().filter(u -> !called.contains(u))
                .forEach(root -> collectWaits(root, "", new HashSet<>(Set.of(root)), edge, reached));
        return reached;
    }

    private static void collectWaits(JavaCodeUnit unit, String via, Set<JavaCodeUnit> path, List<JavaCodeUnit> edge,
                                     List<String> reached) {
        List<JavaAccess<?>> accesses = unit.getAccessesFromSelf().stream()
                .sorted(comparing(JavaAccess::getLineNumber)).toList();
        for (JavaAccess<?> access : accesses) {
            String line = access.getSourceCodeLocation().getSourceFileName() + ":" + access.getLineNumber();
            if (BlockingKind.FUTURE_WAIT.matches(access.getTarget())) {
                reached.add(via + line + ": " + access.getTarget().getOwner().getSimpleName() + "."
                        + access.getTarget().getName() + "()");
                continue;
            }
            Optional<JavaCodeUnit> member = calledMember(access).filter(edge::contains);
            if (member.isPresent() && !path.contains(member.get())) {
                Set<JavaCodeUnit> deeper = new HashSet<>(path);
                deeper.add(member.get());
                collectWaits(member.get(), via + line + " calls " + member.get().getName() + "(), which waits at ",
                        deeper, edge, reached);
            }
        }
    }

    private static Optional<JavaCodeUnit> calledMember(JavaAccess<?> access) {
        return access.getTarget() instanceof AccessTarget.CodeUnitAccessTarget target
                ? target.resolveMember().map(JavaCodeUnit.class::cast) : Optional.empty();
    }

    @Override
    public void worksOnce() {
        try (ReportRun run = new ReportRun().answeredAtOnce().start()) {
            run.awaitFinished(WRONG_REPORT, NEVER_COMPLETES);
            assertReportPrinted(run);
            // The same DailyReport builds again, for other stores: nothing of the first build may answer the second.
            List<String> again = List.of("east", "north");
            int callsBefore = run.sales.callCount();
            run.start(again);
            run.awaitFinished(WRONG_REPORT, NEVER_COMPLETES);
            String want = asynckit.ex06.report.ReportText.render(again, again.stream().map(CENTS::get).toList());
            boolean thrown = run.main.outcome().isCompletedExceptionally();
            String printed = run.printed();
            if (thrown || run.exitCode() != 0 || !printed.strip().equals(want.strip())) {
                throw WRONG_REPORT.report()
                        .saw("A second run with the same DailyReport, for the stores " + again + ", "
                                + (thrown ? "threw " + run.main.outcome().exceptionNow()
                                        : "returned exit code " + run.exitCode() + " and printed:\n" + indent(printed))
                                + "\nIt made " + (run.sales.callCount() - callsBefore) + " sales call(s) for "
                                + again.size() + " stores. A report, or its future, kept in a field by the first build"
                                + " answers every later one (like functools.cache on a method): each build asks for"
                                + " its own stores' sales afresh.")
                        .expected("exit code 0, printed:\n" + want)
                        .timeline(run.timeline)
                        .failure();
            }
        }
    }

    // ---- checks shared by the tests ----

    /** Exit code 0, the report printed by main before run returned, and the same text handed to the archive. */
    private static void assertReportPrinted(ReportRun run) {
        if (run.main.outcome().isCompletedExceptionally()) {
            Throwable thrown = run.main.outcome().exceptionNow();
            throw WRONG_REPORT.report()
                    .saw("Every call succeeded, yet run threw " + thrown + ".")
                    .timeline(run.timeline)
                    .failure(thrown);
        }
        int code = run.exitCode();
        String printed = run.printed();
        if (code != 0 || !printed.strip().equals(TEXT.strip())) {
            Teach.Report report = WRONG_REPORT.report()
                    .saw("Every call succeeded. run returned exit code " + code + " and printed:\n" + indent(printed));
            explainPairing(report, printed);
            throw report.expected("exit code 0, printed:\n" + TEXT)
                    .actual("exit code " + code + ", printed:\n" + printed)
                    .timeline(run.timeline)
                    .failure();
        }
        String atReturn = run.printedWhenRunReturned();
        if (atReturn == null || !atReturn.strip().equals(TEXT.strip())) {
            throw EDGE_DID_NOT_WAIT.report()
                    .saw("The report was printed, but only after run had returned (when it returned, it had printed "
                            + (atReturn == null || atReturn.isBlank() ? "nothing" : "\n" + indent(atReturn)) + ").\nA"
                            + " callback printed it later; a real main would already have exited.")
                    .timeline(run.timeline)
                    .failure();
        }
        if (run.archive.callCount() == 0) {
            throw WRONG_REPORT.report().saw("The report was printed but never handed to archive.save.").failure();
        }
        checkSavedText(run, run.archive.calls().get(0));
    }

    private static void checkSavedText(ReportRun run, LoopBoundService.Call<Void> save) {
        String saved = String.valueOf(save.argument());
        if (!saved.equals(TEXT)) {
            Teach.Report report = WRONG_REPORT.report().saw("archive.save was given:\n" + indent(saved));
            explainPairing(report, saved);
            throw report.expected(TEXT).actual(saved).timeline(run.timeline).failure();
        }
    }

    /** When the total is right but the stores' lines are not: the figures follow the order the answers arrived in. */
    private static void explainPairing(Teach.Report report, String text) {
        List<String> lines = text.strip().lines().toList();
        List<String> right = TEXT.strip().lines().toList();
        if (lines.size() == right.size() && lines.get(lines.size() - 1).equals(right.get(right.size() - 1))
                && !lines.equals(right)) {
            report.saw("The total is right, but the figures are paired with the wrong stores: they follow the order"
                    + " the answers arrived in, not the order of the stores " + STORES + ".");
        }
    }

    /**
     * A call failed with {@code failure}: run must print "report failed: " and its message, and return 1. When
     * it did not, the ledger tells a dropped future from a failure swallowed on the way.
     */
    private static void assertFailureReported(ReportRun run, String call, Exception failure,
                                              Optional<? extends CompletableFuture<?>> failed) {
        String expected = "report failed: " + failure.getMessage();
        if (run.main.outcome().isCompletedExceptionally()) {
            Throwable thrown = run.main.outcome().exceptionNow();
            throw MISREPORTED_FAILURE.report()
                    .saw(call + " failed with " + ManualFutures.describeError(failure) + ", and run threw " + thrown
                            + " instead of printing the reason and returning 1.")
                    .expected("exit code 1, printed: " + expected)
                    .actual("thrown: " + thrown)
                    .timeline(run.timeline)
                    .failure(thrown);
        }
        int code = run.exitCode();
        String printed = run.printed().strip();
        String atReturn = run.printedWhenRunReturned();
        if ((atReturn == null || atReturn.isBlank()) && !printed.isEmpty()) {
            throw EDGE_DID_NOT_WAIT.report()
                    .saw(call + " failed with " + ManualFutures.describeError(failure) + ". run returned exit code "
                            + code + " having printed nothing; this was printed later, by a callback:\n"
                            + indent(printed) + "\nA real main would already have exited, with the wrong exit code.")
                    .timeline(run.timeline)
                    .failure();
        }
        if (code == 0 && !printed.contains("report failed")) {
            Optional<DroppedFutures.Entry> entry = failed.flatMap(run.ledger::entry);
            if (entry.isPresent() && !entry.get().composed()) {
                throw DROPPED_FUTURE.report()
                        .saw(call + " failed with " + ManualFutures.describeError(failure) + ", yet run returned exit code 0 and"
                                + " printed:\n" + indent(printed))
                        .saw("The future of " + entry.get().describe() + ": its failure went nowhere.")
                        .timeline(run.timeline)
                        .failure();
            }
            throw LOST_FAILURE.report()
                    .saw(call + " failed with " + ManualFutures.describeError(failure) + ", yet run returned exit code 0 and"
                            + " printed:\n" + indent(printed))
                    .saw(entry.map(e -> "Its future was composed (with " + e.composedBy() + ", at " + e.where()
                            + "), but the failure was turned into a value, or dropped, on its way to main.").orElse(""))
                    .expected("exit code 1, printed: " + expected)
                    .actual("exit code 0, printed: " + printed)
                    .timeline(run.timeline)
                    .failure();
        }
        if (code != 1 || !printed.equals(expected)) {
            Teach.Report report = MISREPORTED_FAILURE.report()
                    .saw(call + " failed with " + ManualFutures.describeError(failure) + ". run returned exit code " + code
                            + " and printed:\n" + indent(printed));
            if (printed.contains(failure.getMessage()) && !printed.equals(expected)) {
                report.saw("The message is wrapped: join() throws a CompletionException whose getCause() is the"
                        + " original exception; print the cause's getMessage().");
            } else if (failure.getCause() != null && printed.contains(failure.getCause().getMessage())) {
                report.saw("That is the message of " + ManualFutures.describeError(failure.getCause()) + ", the"
                        + " original exception's own cause: one level too deep (a loop to the root cause). Print the"
                        + " message of the exception the call failed with: the CompletionException's getCause().");
            }
            throw report.expected("exit code 1, printed: " + expected)
                    .actual("exit code " + code + ", printed: " + printed)
                    .timeline(run.timeline)
                    .failure();
        }
    }

    /**
     * The failed report must have been tried once: every store's sales asked once, the archive at most once. An edge
     * that runs the report again after it failed (a retry around the join) waits more than once and repeats every
     * call; the task asks it to report the failure.
     */
    private static void assertTriedOnce(ReportRun run, String call) {
        Map<String, Long> asked = run.sales.calls().stream()
                .collect(java.util.stream.Collectors.groupingBy(LoopBoundService.Call::key,
                        java.util.stream.Collectors.counting()));
        long most = asked.values().stream().mapToLong(Long::longValue).max().orElse(0);
        if (most > 1 || run.archive.callCount() > 1) {
            throw WAITED_MORE_THAN_ONCE.report()
                    .saw(call + " failed, and the report was run again: sales calls per store " + asked
                            + ", archive.save called " + run.archive.callCount() + " time(s).\nA retry around the join"
                            + " waits once per attempt and repeats every call of the report. The edge waits once for"
                            + " the whole report; when that fails, print the reason and return 1.")
                    .timeline(run.timeline)
                    .failure();
        }
    }

    private static boolean isJdk(String cls) {
        return cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.");
    }

    private static String indent(String text) {
        return text.isBlank() ? "  (nothing)" : text.stripTrailing().lines().map(l -> "  " + l)
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
