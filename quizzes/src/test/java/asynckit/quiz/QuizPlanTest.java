package asynckit.quiz;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class QuizPlanTest {

    private static List<String> ids(QuizPlan plan) {
        return plan.questions().stream().map(s -> s.question().id()).toList();
    }

    @Test
    @DisplayName("the same seed gives the same question and option order; other seeds differ")
    void seeded() throws Exception {
        Bank bank = Fixtures.parse(Fixtures.EVERY_KIND.replace("shuffle-questions: no", "shuffle-questions: yes"));
        QuizPlan a = new QuizPlan(bank, 42);
        QuizPlan b = new QuizPlan(bank, 42);
        assertThat(ids(a)).isEqualTo(ids(b));
        assertThat(a.questions()).extracting(QuizPlan.Shown::order)
                .isEqualTo(b.questions().stream().map(QuizPlan.Shown::order).toList());
        Set<List<String>> orders = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            orders.add(ids(new QuizPlan(bank, seed)));
        }
        assertThat(orders).hasSizeGreaterThan(5);
        assertThat(ids(a)).containsExactlyInAnyOrderElementsOf(bank.questions().stream().map(Question::id).toList());
    }

    @Test
    @DisplayName("shuffle-questions: no keeps the bank order but still shuffles options")
    void fixedQuestionOrder() throws Exception {
        Bank bank = Fixtures.parse(Fixtures.EVERY_KIND);
        Set<List<Integer>> optionOrders = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            QuizPlan plan = new QuizPlan(bank, seed);
            assertThat(ids(plan)).containsExactly("pick-one", "tick-some", "yes-or-no", "type-it", "line-up", "prints");
            optionOrders.add(plan.questions().get(0).order());
        }
        assertThat(optionOrders).hasSizeGreaterThan(1);
    }

    @Test
    @DisplayName("true/false keeps true first; ordering questions are never shown already solved")
    void specialCases() throws Exception {
        Bank bank = Fixtures.parse(Fixtures.EVERY_KIND);
        for (long seed = 0; seed < 200; seed++) {
            QuizPlan plan = new QuizPlan(bank, seed);
            assertThat(plan.questions().get(2).order()).isEmpty();
            assertThat(plan.questions().get(4).order()).isNotEqualTo(List.of(0, 1, 2)).containsExactlyInAnyOrder(0, 1, 2);
        }
    }

    @Test
    @DisplayName("shown numbers map back to bank labels")
    void labels() throws Exception {
        Bank bank = Fixtures.parse(Fixtures.EVERY_KIND);
        QuizPlan.Shown s = new QuizPlan(bank, 7).questions().get(0);
        for (int n = 1; n <= s.size(); n++) {
            int bankIndex = Question.index(s.labelAt(n));
            assertThat(s.numberOf(bankIndex)).isEqualTo(n);
            assertThat(s.textAt(n)).isEqualTo(s.question().options().get(bankIndex));
        }
    }
}
