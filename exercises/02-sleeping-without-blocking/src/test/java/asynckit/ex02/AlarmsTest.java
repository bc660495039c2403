package asynckit.ex02;

import asynckit.testkit.Exercise;
import asynckit.testkit.Lesson;
import asynckit.testkit.Mistake;
import asynckit.testkit.NoBlockingCalls;
import asynckit.testkit.OwnResults;
import asynckit.testkit.Points;
import asynckit.testkit.Returns;
import asynckit.testkit.Settle;
import asynckit.testkit.StuckLoop;
import asynckit.testkit.TimeScale;
import asynckit.testkit.WallClock;
import asynckit.testkit.WatchedLoop;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@Exercise("02-sleeping-without-blocking")
@DisplayName("02 Sleeping without blocking: Alarms")
class AlarmsTest implements NoBlockingCalls {
    static final Lesson LESSON = Lesson.of(AlarmsTest.class);
    static final Mistake NO_DELAY = LESSON.mistake("no-delay");
    static final Mistake NEVER_RANG = LESSON.mistake("never-rang");
    static final Mistake OFF_THE_LOOP = LESSON.mistake("off-the-loop");
    static final Mistake BLOCKED_THE_LOOP = LESSON.mistake("blocked-the-loop");
    static final Mistake KEPT_THE_LOOP_BUSY = LESSON.mistake("kept-the-loop-busy");
    static final Mistake ONE_AT_A_TIME = LESSON.mistake("one-at-a-time");
    static final Mistake NOT_RINGING_ORDER = LESSON.mistake("not-ringing-order");
    static final Mistake BLOCKED_CALLER = LESSON.mistake("blocked-the-caller");
    static final Mistake MIXED_CALLS = LESSON.mistake("mixed-calls");

    /** Right code is done with every alarm here after 300 ms; this is how long a test waits for one. */
    private static final Duration BOUND = TimeScale.millis(1_500);
    private static final List<String> RINGING_ORDER = List.of("b", "c", "a");

    /**
     * A join or get on the loop fails any wait at once: the alarms ring on the loop, so such a task waits for timers
     * queued behind itself. A loop that is only blocked (asleep) is left to the tests that judge it from what it
     * delayed (one at a time, the watchdog's record), so it is not named here from its first 100 ms.
     */
    static final StuckLoop.Meaning STUCK = StuckLoop.meaning().when(StuckLoop.Kind.WAITS_FOR_A_FUTURE, BLOCKED_THE_LOOP,
            "The alarms ring on the loop, so the task waits for timers queued behind itself: it never ends, and"
                    + " nothing rings. Code on the loop composes (thenApply, thenCombine, allOf); it never waits.");

    private final WatchedLoop loop = WatchedLoop.start("loop").whenStuck(STUCK);
    private final Alarms alarms = new Alarms(loop.executor());

    @AfterEach
    void stopLoop() {
        loop.close();
    }

    /** a: 300 ms, b: 100 ms, c: 200 ms, set in that order; together they ring b, c, a. */
    private static Map<String, Duration> threeAlarms() {
        Map<String, Duration> set = new LinkedHashMap<>();
        set.put("a", TimeScale.millis(300));
        set.put("b", TimeScale.millis(100));
        set.put("c", TimeScale.millis(200));
        return set;
    }

    @Test
    @Points(3)
    @DisplayName("rings with its label once the delay has passed, and not before")
    void ringsAfterTheDelay() {
        Duration delay = TimeScale.millis(200);
        long start = System.nanoTime();
        CompletableFuture<String> alarm = alarms.after(delay, "tea");
        String label = settle(alarm, BOUND).value(NEVER_RANG, NEVER_RANG, "after(200 ms, \"tea\")");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        if (!"tea".equals(label)) {
            throw NEVER_RANG.report().saw("after(200 ms, \"tea\") completed with " + label + ".").expected("tea")
                    .actual(label).failure();
        }
        if (took.compareTo(delay.minusMillis(2)) < 0) {
            throw NO_DELAY.report()
                    .saw("after(" + delay.toMillis() + " ms, \"tea\") rang after " + took.toMillis() + " ms.")
                    .failure();
        }
    }

    @Test
    @Points(3)
    @DisplayName("rings on the loop thread it was given, and completes the list there too")
    void ringsOnTheLoop() {
        Thread thread = ringingThread();
        if (!loop.isLoopThread(thread)) {
            throw OFF_THE_LOOP.report()
                    .saw("The alarm's future was completed on thread '" + thread.getName() + "', not on '"
                            + loop.thread().getName() + "'. Whatever runs after an alarm would run there too,"
                            + " racing with the loop.")
                    .failure();
        }
        Thread listedOn = listingThread();
        if (!loop.isLoopThread(listedOn)) {
            throw OFF_THE_LOOP.report()
                    .saw("inRingingOrder's list was completed on thread '" + listedOn.getName() + "', not on '"
                            + loop.thread().getName() + "'. The alarms ring on the loop, so the step after the last"
                            + " one runs there too, unless something else waited for them or handed the work away"
                            + " (a thread that joins the alarms, or a ...Async step without the loop).")
                    .failure();
        }
    }

    /**
     * The thread that completes inRingingOrder's list. As for {@link #ringingThread()}: if the list was
     * complete before the callback was attached (a stalled test thread), try again with longer delays.
     */
    private Thread listingThread() {
        Thread me = Thread.currentThread();
        for (long x = 50; ; x *= 4) {
            AtomicReference<Thread> listedOn = new AtomicReference<>();
            String call = "inRingingOrder(x: " + x + " ms, y: " + (x + 30) + " ms)";
            settle(alarms.inRingingOrder(Map.of("x", TimeScale.millis(x), "y", TimeScale.millis(x + 30)))
                    .whenComplete((labels, error) -> listedOn.set(Thread.currentThread())), BOUND.multipliedBy(4))
                    .value(NEVER_RANG, NEVER_RANG, call);
            if (listedOn.get() != me || x >= 800) {
                return listedOn.get();
            }
        }
    }

    /**
     * The thread that completes an alarm. A callback attached to a pending future runs on the thread
     * that completes it; in the unlikely case that the alarm rang before the callback was attached
     * (a stalled test thread), try again with a longer delay.
     */
    private Thread ringingThread() {
        Thread me = Thread.currentThread();
        for (long delay = 100; ; delay *= 4) {
            AtomicReference<Thread> rangOn = new AtomicReference<>();
            long start = System.nanoTime();
            CompletableFuture<String> alarm = alarms.after(TimeScale.millis(delay), "tea");
            long returnedAfter = (System.nanoTime() - start) / 1_000_000;
            settle(alarm.whenComplete((label, error) -> rangOn.set(Thread.currentThread())), BOUND.multipliedBy(4))
                    .value(NEVER_RANG, NEVER_RANG, "after(" + delay + " ms, \"tea\")");
            if (rangOn.get() != me) {
                return rangOn.get();
            }
            if (delay >= 1_600) {
                // Rang before after() had even returned, every time: not a question of threads.
                throw (returnedAfter >= TimeScale.millis(delay).toMillis() / 2 ? BLOCKED_CALLER : NO_DELAY).report()
                        .saw("after(" + delay + " ms, \"tea\") was already complete when it returned, "
                                + returnedAfter + " ms after it was called"
                                + (returnedAfter >= TimeScale.millis(delay).toMillis() / 2
                                        ? ": it waited out the delay itself." : ": it rang without waiting."))
                        .failure();
            }
        }
    }

    @Test
    @Points(5)
    @DisplayName("never blocks the loop thread while alarms are set")
    void neverBlocksTheLoop() {
        List<String> order = settle(alarms.inRingingOrder(threeAlarms()), BOUND)
                .value(NEVER_RANG, NEVER_RANG, "inRingingOrder(a, b, c)");
        loop.assertNeverBlocked(BLOCKED_THE_LOOP, null);
        requireEveryLabel(order);

        // Not vacuous: the alarms must really have rung on the loop that was just watched.
        Thread rangOn = ringingThread();
        if (!loop.isLoopThread(rangOn)) {
            throw OFF_THE_LOOP.report()
                    .saw("The loop was never blocked, because the alarms did not use it: they rang on '"
                            + rangOn.getName() + "'.")
                    .failure();
        }
    }

    @Test
    @Points(3)
    @DisplayName("leaves the loop idle while alarms wait: a task per alarm, almost no CPU")
    void leavesTheLoopIdle() {
        long tasks = loop.tasksRun();
        Duration cpu = loop.cpuTime();
        List<String> order = settle(alarms.inRingingOrder(threeAlarms()), BOUND)
                .value(NEVER_RANG, NEVER_RANG, "inRingingOrder(a, b, c)");
        loop.assertFrugal(KEPT_THE_LOOP_BUSY, BLOCKED_THE_LOOP, "three alarms of 300, 100 and 200 ms", 30,
                TimeScale.millis(80), tasks, cpu);
        requireEveryLabel(order);
        if (loop.tasksRun() == tasks) {
            throw OFF_THE_LOOP.report()
                    .saw("The loop ran no task at all for three alarms: they were kept somewhere else.")
                    .failure();
        }
    }

    @Test
    @Points(4)
    @DisplayName("set together, the shortest alarm rings first")
    void shortestRingsFirst() {
        long start = System.nanoTime();
        CompletableFuture<List<String>> list = alarms.inRingingOrder(threeAlarms());
        // A second call on the same Alarms, in flight at the same time: each list holds only its own labels.
        CompletableFuture<List<String>> other = alarms.inRingingOrder(Map.of("x", TimeScale.millis(50)));
        List<String> order = settle(list, BOUND).value(NEVER_RANG, NEVER_RANG, "inRingingOrder(a, b, c)");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<String> otherOrder = settle(other, BOUND).value(NEVER_RANG, NEVER_RANG, "inRingingOrder(x: 50 ms)");
        OwnResults.<String>on("one Alarms")
                .call("inRingingOrder(a, b, c)", List.of("a", "b", "c"), RINGING_ORDER, order)
                .call("inRingingOrder(x: 50 ms)", List.of("x"), List.of("x"), otherOrder)
                .assertApart(MIXED_CALLS, "What belongs to one call (the list of labels that rang, a count) lives in"
                        + " that call's local variables, never in a field that every call shares.");
        requireEveryLabel(order);
        if (order.equals(RINGING_ORDER)) {
            return;
        }
        String what = "Alarms a (300 ms), b (100 ms) and c (200 ms) were set together; inRingingOrder gave " + order
                + " after " + took.toMillis() + " ms. Set together, they ring b, c, a.";
        if (took.compareTo(TimeScale.millis(250)) < 0) {
            throw NO_DELAY.report()
                    .saw(what + "\nThe longest alarm is 300 ms, so the list cannot be complete before 300 ms: the"
                            + " alarms rang before their delays had passed (check the time unit).")
                    .failure();
        }
        if (setTogether(3)) {
            throw NOT_RINGING_ORDER.report()
                    .saw(what + "\nAll three alarms were handed to the loop at once, so they did ring b, c, a; the"
                            + " list follows the order they were set in instead.")
                    .expected(RINGING_ORDER)
                    .actual(order)
                    .failure();
        }
        throw (order.equals(List.of("a", "b", "c")) ? ONE_AT_A_TIME : NOT_RINGING_ORDER).report()
                .saw(what)
                .detail("What the loop thread was busy with (tasks of 2 ms or more):")
                .timeline(loop.busyTimeline())
                .expected(RINGING_ORDER)
                .actual(order)
                .failure();
    }

    @Test
    @Points(1)
    @DisplayName("all alarms together take as long as the longest one, not the sum")
    void takesTheLongestNotTheSum() {
        long start = System.nanoTime();
        List<String> order = settle(alarms.inRingingOrder(threeAlarms()), BOUND)
                .value(NEVER_RANG, NEVER_RANG, "inRingingOrder(a, b, c)");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        requireEveryLabel(order);
        // Alarms set together ring shortest first (b, c, a), and a loop that was handed all three at once
        // shows it; either proves the shape, so a slow run on a busy machine is not counted against the code.
        WallClock.assertFasterThanMidway(took, TimeScale.millis(300), TimeScale.millis(600), ONE_AT_A_TIME,
                loop.busyTimeline(), order.equals(RINGING_ORDER) || setTogether(3));
    }

    @Test
    @Points(2)
    @DisplayName("hands back the alarm, and the list, at once, without waiting for them")
    void returnsAtOnce() {
        Duration delay = TimeScale.millis(2_000);
        CompletableFuture<String> alarm = Returns.promptly(BLOCKED_CALLER, "after(" + delay.toMillis() + " ms, \"tea\")",
                () -> alarms.after(delay, "tea"));
        requirePending(alarm, "after(" + delay.toMillis() + " ms, \"tea\")");
        alarm.cancel(false);

        Map<String, Duration> long2 = new LinkedHashMap<>();
        long2.put("x", delay);
        long2.put("y", delay.plusMillis(100));
        CompletableFuture<List<String>> list = Returns.promptly(BLOCKED_CALLER, "inRingingOrder(x: 2 s, y: 2.1 s)",
                () -> alarms.inRingingOrder(long2));
        requirePending(list, "inRingingOrder(x: 2 s, y: 2.1 s)");
        list.cancel(false);
    }

    private static void requirePending(CompletableFuture<?> f, String what) {
        if (f == null) {
            throw NEVER_RANG.report().saw(what + " returned null instead of a future.").failure();
        }
        if (f.isDone()) {
            throw NO_DELAY.report().saw(what + " was already complete the moment it was set: " + f + ".").failure();
        }
    }

    @Test
    @Points(1)
    @DisplayName("with no alarms to set, completes at once with an empty list")
    void noAlarms() {
        CompletableFuture<List<String>> none = Returns.promptly(BLOCKED_CALLER, "inRingingOrder(no alarms)",
                () -> alarms.inRingingOrder(Map.of()));
        if (none == null || !none.isDone()) {
            throw NEVER_RANG.report()
                    .saw("inRingingOrder(no alarms) returned " + (none == null ? "null" : "a pending future")
                            + ". With no alarm to wait for, the empty list is ready at once.")
                    .failure();
        }
        List<String> labels = settle(none, BOUND).value(NEVER_RANG, NEVER_RANG, "inRingingOrder(no alarms)");
        if (labels == null || !labels.isEmpty()) {
            throw NEVER_RANG.report().saw("inRingingOrder(no alarms) gave " + labels + ".").expected(List.of())
                    .actual(labels).failure();
        }
    }

    @Override
    public void worksOnce() {
        Map<String, Duration> quick = Map.of("x", TimeScale.millis(20));
        List<String> labels = settle(alarms.inRingingOrder(quick), BOUND)
                .value(NEVER_RANG, NEVER_RANG, "inRingingOrder(x: 20 ms), which must work before its code is checked"
                        + " for blocking calls,");
        if (!List.of("x").equals(labels)) {
            throw NEVER_RANG.report().saw("inRingingOrder(x: 20 ms) gave " + labels + ".").expected(List.of("x"))
                    .actual(labels).failure();
        }
    }

    /**
     * Waits for {@code alarm} up to {@code bound} on the loop (a join or get there fails at once, see {@link #STUCK}),
     * and stops as soon as the loop proves that it cannot ring in time: nothing runs on it and every timer it holds
     * is due after the bound (an alarm set in the wrong unit), seen twice 5 ms apart. An empty loop is no such
     * proof: the alarm may be waiting on another timer that hands it to the loop when due.
     */
    private <T> Settle<T> settle(CompletableFuture<T> alarm, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        long[] since = {0};
        long[] tasks = {-1};
        Settle<T> settled = Settle.within(alarm, bound, loop, () -> {
            String why = loop.dueOnlyAfter(deadline);
            long now = System.nanoTime();
            if (why == null || tasks[0] != loop.tasksRun()) {
                since[0] = now;
                tasks[0] = loop.tasksRun();
                return null;
            }
            return now - since[0] >= 5_000_000 ? why : null;
        });
        if (settled.pending()) {
            // Nothing rang in time: a loop that was kept from running its timers (a task parked in join, asleep)
            // is the reason, and the mistake to name.
            loop.assertNeverBlocked(BLOCKED_THE_LOOP, null);
        }
        return settled;
    }

    /** Every alarm must be in the list exactly once. */
    private static void requireEveryLabel(List<String> order) {
        if (order == null || order.size() != 3 || !order.containsAll(List.of("a", "b", "c"))) {
            throw NEVER_RANG.report()
                    .saw("inRingingOrder(a, b, c) gave " + order + ": every alarm rings once, so every label is in"
                            + " the list once.")
                    .failure();
        }
    }

    /** Whether the loop was handed {@code count} delayed tasks within 50 ms of each other (set together). */
    private boolean setTogether(int count) {
        List<long[]> delayed = loop.scheduled().stream().filter(s -> s[1] > 0).toList();
        for (int i = 0; i + count - 1 < delayed.size(); i++) {
            if (delayed.get(i + count - 1)[0] - delayed.get(i)[0] < TimeScale.millis(50).toNanos()) {
                return true;
            }
        }
        return false;
    }
}
