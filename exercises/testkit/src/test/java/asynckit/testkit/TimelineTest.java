package asynckit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void drawsOneLanePerCallWithItsEnding() {
        long ms = 1_000_000;
        List<Timeline.Call> calls = List.of(
                new Timeline.Call(0, "fetch(a)", 0, 300 * ms, "t", Timeline.Outcome.SUCCEEDED),
                new Timeline.Call(1, "fetch(b)", 300 * ms, 600 * ms, "t", Timeline.Outcome.FAILED),
                new Timeline.Call(2, "fetch(c)", 600 * ms, -1, "t", Timeline.Outcome.PENDING));

        String drawing = Timeline.render(calls, 900 * ms, 1);

        assertThat(drawing.lines()).hasSize(5);
        assertThat(drawing).contains("900 ms");
        assertThat(drawing.lines().toList().get(1)).startsWith("  fetch(a)  [").contains("]").endsWith("300 ms");
        assertThat(drawing.lines().toList().get(2)).contains("X").endsWith("failed");
        assertThat(drawing.lines().toList().get(3)).contains(">").endsWith("still waiting");
        assertThat(drawing).endsWith("calls made: 3, most in flight at once: 1\n");
    }

    @Test
    void countsThePeakOfCallsInFlight() {
        Timeline timeline = new Timeline();
        Timeline.Handle a = timeline.begin("a");
        Timeline.Handle b = timeline.begin("b");
        a.succeeded();
        Timeline.Handle c = timeline.begin("c");
        b.succeeded();
        c.failed();
        c.failed();

        assertThat(timeline.peak()).isEqualTo(2);
        assertThat(timeline.inFlight()).isZero();
        assertThat(timeline.endOrder()).containsExactly("a", "b", "c");
    }

    @Test
    void midwayIsHalfWayBetweenRightAndWrong() {
        assertThat(WallClock.midway(Duration.ofMillis(300), Duration.ofMillis(900))).isEqualTo(Duration.ofMillis(600));
    }

    @Test
    void returnsPromptlyNamesTheMistakeWhenTheCallBlocks() {
        Mistake slow = new Lesson("00-example").mistake("blocked-the-caller", "blocked.", 2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Returns.promptly(slow, "slow()",
                        Duration.ofMillis(100), () -> {
                            Thread.sleep(2_000);
                            return 1;
                        }, null))
                .hasMessageContaining("[blocked-the-caller]")
                .hasMessageContaining("slow() had not returned: the caller was asleep inside your code")
                .hasMessageContaining("Thread.sleep");
        assertThat(Returns.promptly(slow, "quick()", () -> 42)).isEqualTo(42);
    }
}
