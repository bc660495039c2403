package asynckit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import asynckit.testkit.internal.BlockingKind;
import asynckit.testkit.BlockingCalls.Violation;
import asynckit.testkit.fixtures.clean.Composes;
import asynckit.testkit.fixtures.edge.JoinsAtTheEdge;
import asynckit.testkit.fixtures.methodref.JoinsByReference;
import asynckit.testkit.fixtures.spin.PollsInAPool;
import asynckit.testkit.fixtures.subtype.GetsThroughSubtype;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockingCallsTest {
    static final Lesson LESSON = new Lesson("00-example");

    @Test
    void catchesAMethodReferenceToJoin() {
        List<Violation> found = BlockingCalls.in(JoinsByReference.class, LESSON, 1).forbidAll().violations();

        assertThat(found).extracting(Violation::kind).containsExactlyInAnyOrder(BlockingKind.FUTURE_WAIT, BlockingKind.SLEEP);
        assertThat(found).filteredOn(v -> v.kind() == BlockingKind.FUTURE_WAIT).singleElement()
                .satisfies(v -> {
                    assertThat(v.call()).isEqualTo("CompletableFuture.join() (as a method reference)");
                    assertThat(v.where()).startsWith("JoinsByReference.java:");
                    assertThat(v.origin()).isEqualTo("JoinsByReference.all()");
                });
    }

    @Test
    void catchesGetCalledThroughASubtypeOfFuture() {
        List<Violation> found = BlockingCalls.in(GetsThroughSubtype.class, LESSON, 1).forbidAll().violations();

        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(BlockingKind.FUTURE_WAIT);
            assertThat(v.call()).isEqualTo("ScheduledFuture.get()");
        });
    }

    @Test
    void catchesALoopThatAsksAFutureUntilItIsDoneInALambda() {
        List<Violation> found = BlockingCalls.in(PollsInAPool.class, LESSON, 1).forbidAll().violations();

        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(BlockingKind.SPIN);
            assertThat(v.call()).startsWith("CompletableFuture.isDone() asked again and again in a loop");
            assertThat(v.where()).isEqualTo("PollsInAPool.java:9");
            assertThat(v.origin()).isEqualTo("PollsInAPool.after() (in a lambda)");
        });
    }

    @Test
    void findsNothingInComposingCode() {
        assertThat(BlockingCalls.in(Composes.class, LESSON, 1).forbidAll().violations()).isEmpty();
        BlockingCalls.in(Composes.class, LESSON, 1).forbidAll().assertNone();
    }

    @Test
    void onlyTheForbiddenKindsAreReported() {
        List<Violation> found = BlockingCalls.in(JoinsByReference.class, LESSON, 1).forbid(BlockingKind.SLEEP).violations();

        assertThat(found).extracting(Violation::kind).containsExactly(BlockingKind.SLEEP);
    }

    @Test
    void anAllowedMethodAndItsLambdasMayBlock() {
        List<Violation> found = BlockingCalls.in(JoinsAtTheEdge.class, LESSON, 1)
                .forbidAll().allowIn("close").violations();

        assertThat(found).singleElement().extracting(Violation::origin).isEqualTo("JoinsAtTheEdge.work()");
    }

    @Test
    void theFailureNamesTheMistakeTheLineAndWhatToDoInstead() {
        assertThatThrownBy(() -> BlockingCalls.in(JoinsByReference.class, LESSON, 4).forbidAll().assertNone())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("[blocking-wait-on-future]")
                .hasMessageContaining("[blocking-sleep]")
                .hasMessageMatching("(?s).*JoinsByReference\\.java:\\d+ .*")
                .hasMessageContaining("Instead: return the future and compose it")
                .hasMessageContaining("Hint 4 in exercises/00-example/README.md");
    }

    @Test
    void theRuleIsAnArchUnitAccessRule() {
        assertThat(BlockingCalls.in(Composes.class, LESSON, 1).forbid(BlockingKind.SLEEP).rule().getDescription())
                .contains("access target where").contains("blocking-sleep");
    }
}
