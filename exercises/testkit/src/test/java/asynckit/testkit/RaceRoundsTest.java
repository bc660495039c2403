package asynckit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RaceRoundsTest {
    static final Lesson LESSON = new Lesson("00-example");
    static final Mistake LOST = LESSON.mistake("lost-update", "an update was lost.", 1);
    static final Mistake UNSAFE = LESSON.mistake("unsafe-shared-state", "state shared unsafely.", 2);
    static final Mistake ORDER = LESSON.mistake("completion-order", "in completion order.", 3);

    @Test
    void reorderedMeansTheSameElementsAsOftenInAnotherOrder() {
        assertThat(RaceRounds.reordered(List.of("b", "a"), List.of("a", "b"))).isTrue();
        assertThat(RaceRounds.reordered(List.of("a", "b"), List.of("a", "b"))).isFalse();
        assertThat(RaceRounds.reordered(List.of("a", "a"), List.of("a", "b"))).isFalse();
        assertThat(RaceRounds.reordered(List.of("a"), List.of("a", "b"))).isFalse();
        assertThat(RaceRounds.reordered(null, List.of("a"))).isFalse();
    }

    @Test
    void aCallbackThatThrowsInARacedRoundIsARaceAndInTheControlRoundItselfAndTheReportsSayTheRound() {
        try (RaceRounds rounds = RaceRounds.of(LOST, UNSAFE, RaceRoundsTest.class, "2 pages arrived",
                "every page arriving on one thread")) {
            List<Runnable> throwing = List.of(() -> { }, () -> {
                throw new IllegalStateException("boom");
            });
            assertThatThrownBy(() -> rounds.complete(0, throwing, null, "fetchAll"))
                    .isInstanceOf(IllegalStateException.class).hasMessage("boom");
            assertThatThrownBy(() -> rounds.complete(3, throwing, null, "fetchAll"))
                    .hasMessageContaining("[lost-update]")
                    .hasMessageContaining("In round 3, 2 pages arrived at the same instant on 2 threads, and a"
                            + " callback of fetchAll threw java.lang.IllegalStateException: boom.");
            assertThat(rounds.raced(4, null, "fetchAll gave [a].").failure().getMessage())
                    .contains("In round 4, 2 pages arrived", "and fetchAll gave [a].",
                            "With every page arriving on one thread it was right");
            assertThat(rounds.inCompletionOrder(ORDER, 5, "fetchAll gave [b, a].").failure().getMessage())
                    .contains("[completion-order]", "In round 5, 2 pages arrived at the same instant on 2 threads,"
                            + " in no particular order, and fetchAll gave [b, a].");
        }
    }
}
