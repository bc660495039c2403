package asynckit.quiz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order a quiz taker sees: questions (shuffled unless the bank says {@code shuffle-questions: no})
 * and, per question, the options or lines (always shuffled, except true/false). The same bank and seed
 * always give the same plan.
 */
public final class QuizPlan {

    /** A question as shown: {@code order.get(shownIndex)} is the bank index of what is shown there. */
    public record Shown(Question question, List<Integer> order) {

        /** Bank label of the option shown at 1-based position {@code number}. */
        public String labelAt(int number) {
            return Question.label(order.get(number - 1));
        }

        /** 1-based position at which the option with this bank index is shown. */
        public int numberOf(int bankIndex) {
            return order.indexOf(bankIndex) + 1;
        }

        public String textAt(int number) {
            return question.options().get(order.get(number - 1));
        }

        public int size() {
            return order.size();
        }
    }

    private final Bank bank;
    private final long seed;
    private final List<Shown> shown;

    public QuizPlan(Bank bank, long seed) {
        this.bank = bank;
        this.seed = seed;
        Random random = new Random(seed);
        List<Question> questions = new ArrayList<>(bank.questions());
        if (bank.shuffleQuestions()) {
            Collections.shuffle(questions, random);
        }
        List<Shown> out = new ArrayList<>();
        for (Question q : questions) {
            List<Integer> order = Scoring.identity(q.options().size());
            if (q.kind() != Kind.TRUE_FALSE) {
                Collections.shuffle(order, random);
                if (q.kind() == Kind.ORDER && order.equals(Scoring.identity(order.size()))) {
                    Collections.rotate(order, 1); // never show the lines already in the right order
                }
            }
            out.add(new Shown(q, List.copyOf(order)));
        }
        this.shown = List.copyOf(out);
    }

    public Bank bank() {
        return bank;
    }

    public long seed() {
        return seed;
    }

    public List<Shown> questions() {
        return shown;
    }
}
