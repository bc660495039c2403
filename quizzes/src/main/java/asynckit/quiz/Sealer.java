package asynckit.quiz;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sealed form of a graded bank: what a learner's starter copy holds (questions, code, options and points)
 * without anything that gives an answer away (no {@code [x]}, {@code answer:}, {@code accept:}, {@code pattern:},
 * {@code explain:} or {@code runnable:}).
 *
 * <p>The options of every question and the lines of an ordering question are written sorted by their text, so
 * their place in the sealed file says nothing about the key (the full bank lists an ordering question's lines in
 * the right order). Answers given on the sealed form name options by their letter in the sealed file; the teacher's
 * grader, which holds the full bank, seals it again (the result is always the same text) and translates those
 * letters back ({@link #unseal}) before scoring.
 */
public final class Sealer {

    private Sealer() {
    }

    /** The sealed text of a full bank (deterministic: the same bank always gives the same text). */
    public static String seal(Bank bank) {
        if (bank.sealed()) {
            throw new IllegalArgumentException(bank.name() + " is already sealed");
        }
        StringBuilder out = new StringBuilder();
        out.append("# A graded quiz, sealed: its answers and explanations are not in this copy. `./kit quiz ")
                .append(bank.name()).append("`\n# records your answers in quizzes/attempts/").append(bank.name())
                .append(".json; commit that file, and your teacher scores it.\n");
        out.append("title: ").append(bank.title()).append('\n');
        out.append("graded: yes\n");
        out.append("sealed: yes\n");
        if (!bank.shuffleQuestions()) {
            out.append("shuffle-questions: no\n");
        }
        for (Question q : bank.questions()) {
            out.append('\n');
            out.append("## ").append(q.id()).append(' ').append(q.kind().word).append('\n');
            out.append("points: ").append(q.points()).append('\n');
            out.append("concept: ").append(q.concept()).append('\n');
            out.append("lesson: ").append(q.lesson()).append('\n');
            prose(out, "prompt: ", q.prompt());
            if (q.code() != null) {
                out.append("```java\n").append(q.code()).append("```\n");
            }
            List<Integer> order = order(q);
            for (int i = 0; i < order.size(); i++) {
                String text = q.options().get(order.get(i));
                out.append(q.kind() == Kind.ORDER ? (i + 1) + ". " : "- [ ] ").append(text).append('\n');
            }
        }
        return out.toString();
    }

    /** SHA-256 of {@link #seal}: the checksum an attempt taken on the sealed form records. */
    public static String sealedChecksum(Bank bank) {
        return BankParser.checksum(seal(bank));
    }

    /** Bank indexes of q's options (or lines) in the order the sealed form lists them. */
    static List<Integer> order(Question q) {
        List<Integer> order = new ArrayList<>(Scoring.identity(q.options().size()));
        order.sort(Comparator.comparing((Integer i) -> q.options().get(i), String.CASE_INSENSITIVE_ORDER)
                .thenComparing(i -> q.options().get(i))
                .thenComparing(i -> i));
        return order;
    }

    /**
     * Answers given on the sealed form of {@code full}, rewritten in the full bank's letters. True/false and short
     * answers are unchanged; an answer that names a letter the sealed form does not have is kept as it is (it scores nothing).
     */
    public static Map<String, String> unseal(Bank full, Map<String, String> answers) {
        if (answers == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>(answers);
        for (Question q : full.questions()) {
            String given = answers.get(q.id());
            if (given == null || !(q.kind().hasOptions() || q.kind() == Kind.ORDER)) {
                continue;
            }
            List<Integer> order = order(q);
            Optional<List<Integer>> sealedLabels = Scoring.labels(given, order.size());
            if (sealedLabels.isEmpty()) {
                continue; // not well formed: kept as given, it scores nothing
            }
            List<String> labels = sealedLabels.get().stream().map(i -> Question.label(order.get(i))).toList();
            String rewritten = switch (q.kind()) {
                case ORDER -> String.join(" ", labels);
                case MULTI -> String.join(",", labels.stream().sorted().toList());
                default -> String.join(",", labels);
            };
            out.put(q.id(), rewritten);
        }
        return out;
    }

    /** A prompt: its first paragraph after the field name, each further one after a blank line, indented. */
    private static void prose(StringBuilder out, String field, String text) {
        String[] parts = text.split("\n", -1);
        out.append(field).append(parts[0]).append('\n');
        for (int i = 1; i < parts.length; i++) {
            out.append('\n');
            if (!parts[i].isEmpty()) {
                out.append("  ").append(parts[i]).append('\n');
            }
        }
    }
}
