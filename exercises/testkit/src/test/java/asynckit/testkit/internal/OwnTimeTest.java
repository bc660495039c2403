package asynckit.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A wait's bound counts the waiter's own time: a slice's overrun is added, up to three times the bound. */
class OwnTimeTest {
    private static final long MS = 1_000_000;

    @Test
    void anOverrunSliceAddsItsOverrunAndTheTimersSlackDoesNot() {
        OwnTime clock = OwnTime.of(Duration.ofSeconds(10));
        long before = clock.left();
        clock.slept(System.nanoTime() - 10 * MS - 100_000, 10 * MS); // 0.1 ms over: the timer's slack
        assertThat(clock.late()).isZero();
        clock.slept(System.nanoTime() - 510 * MS, 10 * MS); // asked 10 ms, woke 500 ms late
        assertThat(clock.late()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(clock.left()).isGreaterThan(before + 400 * MS);
    }

    @Test
    void theStretchStopsAtThreeTimesTheBound() {
        OwnTime clock = OwnTime.of(Duration.ofSeconds(10));
        clock.slept(System.nanoTime() - 3_600_000 * MS, 0); // an hour late
        assertThat(clock.left()).isLessThanOrEqualTo(30_000 * MS).isGreaterThan(29_000 * MS);
    }
}
