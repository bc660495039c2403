package asynckit.quiz;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScoringTest {
    static Bank bank;

    @BeforeAll
    static void load() throws Exception {
        bank = Fixtures.parse(Fixtures.EVERY_KIND);
    }

    static Question q(String id) {
        return bank.question(id).orElseThrow();
    }

    @Test
    @DisplayName("single choice: only the marked label scores, case and spaces do not matter")
    void single() {
        assertThat(Scoring.points(q("pick-one"), "b")).isEqualTo(1);
        assertThat(Scoring.points(q("pick-one"), " B ")).isEqualTo(1);
        assertThat(Scoring.points(q("pick-one"), "a")).isZero();
        assertThat(Scoring.points(q("pick-one"), "a,b")).isZero();
        assertThat(Scoring.points(q("pick-one"), "z")).isZero();
        assertThat(Scoring.points(q("pick-one"), null)).isZero();
    }

    @Test
    @DisplayName("multiple select: right only when the ticked set is exactly the key, in any order")
    void multi() {
        assertThat(Scoring.points(q("tick-some"), "a,c")).isEqualTo(2);
        assertThat(Scoring.points(q("tick-some"), "c a")).isEqualTo(2);
        assertThat(Scoring.points(q("tick-some"), "a")).isZero();
        assertThat(Scoring.points(q("tick-some"), "a,b,c")).isZero();
        assertThat(Scoring.points(q("tick-some"), "a,a,c")).isZero();
        assertThat(Scoring.points(q("tick-some"), "")).isZero();
    }

    @Test
    @DisplayName("true/false: the key word scores")
    void trueFalse() {
        assertThat(Scoring.points(q("yes-or-no"), "false")).isEqualTo(1);
        assertThat(Scoring.points(q("yes-or-no"), "FALSE")).isEqualTo(1);
        assertThat(Scoring.points(q("yes-or-no"), "true")).isZero();
    }

    @Test
    @DisplayName("short answer: normalised, any accepted form or the pattern scores")
    void shortAnswer() {
        Question s = q("type-it");
        assertThat(Scoring.points(s, "thenCompose")).isEqualTo(1);
        assertThat(Scoring.points(s, "  `thenCompose()`. ")).isEqualTo(1);
        assertThat(Scoring.points(s, "\"THENCOMPOSE\"")).isEqualTo(1);
        assertThat(Scoring.points(s, "cf.then-compose")).isEqualTo(1);
        assertThat(Scoring.points(s, "thenApply")).isZero();
        assertThat(Scoring.points(s, "thenCompose or thenApply")).isZero();
        assertThat(Scoring.normalise("  Hello   World ()  ")).isEqualTo("hello world");
    }

    @Test
    @DisplayName("ordering: only the bank's order of labels scores")
    void ordering() {
        assertThat(Scoring.points(q("line-up"), "a b c")).isEqualTo(2);
        assertThat(Scoring.points(q("line-up"), "a,b,c")).isEqualTo(2);
        assertThat(Scoring.points(q("line-up"), "b a c")).isZero();
        assertThat(Scoring.points(q("line-up"), "a b")).isZero();
        assertThat(Scoring.points(q("line-up"), "a b c c")).isZero();
    }

    @Test
    @DisplayName("what does this print: scored like single choice")
    void output() {
        assertThat(Scoring.points(q("prints"), "b")).isEqualTo(3);
        assertThat(Scoring.points(q("prints"), "a")).isZero();
    }

    @Test
    @DisplayName("every key scores full points, and form problems are explained")
    void keysAndForms() {
        for (Question question : bank.questions()) {
            assertThat(Scoring.points(question, Scoring.key(question))).as(question.id()).isEqualTo(question.points());
        }
        assertThat(Scoring.formProblem(q("pick-one"), "d")).contains("expected one option label from a to c");
        assertThat(Scoring.formProblem(q("line-up"), "a a b"))
                .contains("expected each label from a to c exactly once, separated by spaces");
        assertThat(Scoring.formProblem(q("yes-or-no"), "maybe")).contains("expected true or false");
        assertThat(Scoring.formProblem(q("tick-some"), "a,c")).isEmpty();
    }
}
