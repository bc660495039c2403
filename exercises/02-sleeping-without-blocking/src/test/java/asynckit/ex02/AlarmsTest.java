package asynckit.ex02;

import static org.assertj.core.api.Assertions.assertThat;

import asynckit.testkit.Exercise;
import asynckit.testkit.Lesson;
import asynckit.testkit.Mistake;
import asynckit.testkit.NoBlockingCalls;
import asynckit.testkit.Points;
import asynckit.testkit.Returns;
import asynckit.testkit.Settle;
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
    static final Mistake OFF_THE_LOOP = LESSON.mistake("off-the-loop");
    static final Mistake BLOCKED_THE_LOOP = LESSON.mistake("blocked-the-loop");
    static final Mistake ONE_AT_A_TIME = LESSON.mistake("one-at-a-time");
    static final Mistake BLOCKED_CALLER = LESSON.mistake("blocked-the-caller");

    private static final Duration BOUND = TimeScale.millis(5_000);

    private final WatchedLoop loop = WatchedLoop.start("loop");
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
        String label = Settle.within(alarm, BOUND).value();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(label).isEqualTo("tea");
        if (took.compareTo(delay.minusMillis(2)) < 0) {
            throw NO_DELAY.report()
                    .saw("after(" + delay.toMillis() + " ms, \"tea\") rang after " + took.toMillis() + " ms.")
                    .failure();
        }
    }

    @Test
    @Points(3)
    @DisplayName("rings on the loop thread it was given")
    void ringsOnTheLoop() {
        Thread thread = ringingThread();
        if (!loop.isLoopThread(thread)) {
            throw OFF_THE_LOOP.report()
                    .saw("The alarm's future was completed on thread '" + thread.getName() + "', not on '"
                            + loop.thread().getName() + "'. Whatever runs after an alarm would run there too,"
                            + " racing with the loop.")
                    .failure();
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
            Settle.within(alarms.after(TimeScale.millis(delay), "tea")
                    .whenComplete((label, error) -> rangOn.set(Thread.currentThread())), BOUND).value();
            if (rangOn.get() != me || delay >= 1_600) {
                return rangOn.get();
            }
        }
    }

    @Test
    @Points(6)
    @DisplayName("never blocks the loop thread while alarms are set")
    void neverBlocksTheLoop() {
        List<String> order = Settle.within(alarms.inRingingOrder(threeAlarms()), BOUND).value();
        assertThat(order).as("labels of the alarms that rang").containsExactlyInAnyOrder("a", "b", "c");

        loop.assertNeverBlocked(BLOCKED_THE_LOOP, null);

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
    @Points(5)
    @DisplayName("set together, the shortest alarm rings first")
    void shortestRingsFirst() {
        List<String> order = Settle.within(alarms.inRingingOrder(threeAlarms()), BOUND).value();

        if (order.equals(List.of("a", "b", "c"))) {
            throw ONE_AT_A_TIME.report()
                    .saw("Alarms a (300 ms), b (100 ms) and c (200 ms) rang in the order a, b, c: the order they"
                            + " were set in. Set together, they ring b, c, a.")
                    .detail("What the loop thread was busy with (tasks of 2 ms or more):")
                    .timeline(loop.busyTimeline())
                    .failure();
        }
        assertThat(order).as("the order the alarms rang in").containsExactly("b", "c", "a");
    }

    @Test
    @Points(3)
    @DisplayName("all alarms together take as long as the longest one, not the sum")
    void takesTheLongestNotTheSum() {
        long start = System.nanoTime();
        List<String> order = Settle.within(alarms.inRingingOrder(threeAlarms()), BOUND).value();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(order).containsExactlyInAnyOrder("a", "b", "c");
        // Alarms set together ring shortest first (b, c, a); that order proves the shape, so a slow run on a
        // busy machine is not counted against the code.
        WallClock.assertFasterThanMidway(took, TimeScale.millis(300), TimeScale.millis(600), ONE_AT_A_TIME,
                loop.busyTimeline(), order.equals(List.of("b", "c", "a")));
    }

    @Test
    @Points(2)
    @DisplayName("hands back the alarm at once, without waiting for it")
    void returnsAtOnce() {
        Duration delay = TimeScale.millis(2_000);
        CompletableFuture<String> alarm = Returns.promptly(BLOCKED_CALLER, "after(" + delay.toMillis() + " ms, \"tea\")",
                () -> alarms.after(delay, "tea"));

        assertThat(alarm).as("the alarm, just after it was set").isNotNull().isNotDone();
        alarm.cancel(false);
    }

    @Test
    @Points(1)
    @DisplayName("with no alarms to set, completes at once with an empty list")
    void noAlarms() {
        CompletableFuture<List<String>> none = alarms.inRingingOrder(Map.of());

        assertThat(none).as("inRingingOrder(no alarms)").isNotNull().isDone();
        assertThat(Settle.within(none, BOUND).value()).isEmpty();
    }

    @Override
    public void worksOnce() {
        Map<String, Duration> quick = Map.of("x", TimeScale.millis(20));
        assertThat(Settle.within(alarms.inRingingOrder(quick), BOUND).value())
                .as("inRingingOrder must work before its code is checked for blocking calls")
                .containsExactly("x");
    }
}
