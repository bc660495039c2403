package asynckit.quiz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scores answers. An answer is kept in its canonical form, the same in memory, in attempt files and
 * in {@code --answers} files, independent of any shuffling:
 * <ul>
 *   <li>single, output: one label, {@code b}</li>
 *   <li>multi: labels separated by commas, {@code a,c} (the empty string: nothing ticked)</li>
 *   <li>truefalse: {@code true} or {@code false}</li>
 *   <li>short: the text typed</li>
 *   <li>order: every label once, in the order given, separated by spaces, {@code c a b}</li>
 * </ul>
 * Labels name options as the bank file writes them: {@code a} is the first. A question is worth its
 * points when the answer is right and nothing otherwise (no partial credit; a multi-select answer is
 * right when the ticked set is exactly the key).
 */
public final class Scoring {

    private Scoring() {
    }

    /** Short answers are compared after this: trimmed, lower-case, spaces collapsed, no quotes or final dot or "()". */
    public static String normalise(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        String before;
        do {
            before = s;
            if (s.length() >= 2 && isQuote(s.charAt(0)) && s.charAt(s.length() - 1) == s.charAt(0)) {
                s = s.substring(1, s.length() - 1).strip();
            }
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1).strip();
            }
            if (s.endsWith("()")) {
                s = s.substring(0, s.length() - 2).strip();
            }
        } while (!s.equals(before));
        return s.replace(" (", "(");
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }

    public static boolean isCorrect(Question q, String answer) {
        if (answer == null) {
            return false;
        }
        return switch (q.kind()) {
            case SINGLE, OUTPUT -> labels(answer, q.options().size())
                    .filter(l -> l.size() == 1)
                    .map(l -> q.correct().contains(l.get(0)))
                    .orElse(false);
            case MULTI -> labels(answer, q.options().size())
                    .map(l -> new TreeSet<>(l).equals(new TreeSet<>(q.correct())) && l.size() == q.correct().size())
                    .orElse(false);
            case TRUE_FALSE -> q.truth().toString().equals(answer.strip().toLowerCase(Locale.ROOT));
            case SHORT -> {
                String n = normalise(answer);
                yield q.accepted().stream().anyMatch(a -> normalise(a).equals(n))
                        || (q.pattern() != null && q.pattern().matcher(n).matches());
            }
            case ORDER -> labels(answer, q.options().size())
                    .map(l -> l.equals(identity(q.options().size())))
                    .orElse(false);
        };
    }

    public static int points(Question q, String answer) {
        return isCorrect(q, answer) ? q.points() : 0;
    }

    /** Checks an answer's form (not whether it is right); empty when well-formed, else what is wrong. */
    public static Optional<String> formProblem(Question q, String answer) {
        int n = q.options().size();
        switch (q.kind()) {
            case SINGLE, OUTPUT -> {
                Optional<List<Integer>> l = labels(answer, n);
                if (l.isEmpty() || l.get().size() != 1) {
                    return Optional.of("expected one option label from a to " + Question.label(n - 1));
                }
            }
            case MULTI -> {
                Optional<List<Integer>> l = labels(answer, n);
                if (l.isEmpty() || Set.copyOf(l.get()).size() != l.get().size()) {
                    return Optional.of("expected distinct option labels from a to " + Question.label(n - 1)
                            + " separated by commas");
                }
            }
            case TRUE_FALSE -> {
                String a = answer.strip().toLowerCase(Locale.ROOT);
                if (!a.equals("true") && !a.equals("false")) {
                    return Optional.of("expected true or false");
                }
            }
            case SHORT -> {
                if (normalise(answer).isEmpty()) {
                    return Optional.of("expected some text");
                }
            }
            case ORDER -> {
                Optional<List<Integer>> l = labels(answer, n);
                if (l.isEmpty() || !new TreeSet<>(l.get()).equals(new TreeSet<>(identity(n))) || l.get().size() != n) {
                    return Optional.of("expected each label from a to " + Question.label(n - 1)
                            + " exactly once, separated by spaces");
                }
            }
        }
        return Optional.empty();
    }

    /** Parses labels separated by commas and/or spaces into option indexes; empty if any is not a valid label. */
    static Optional<List<Integer>> labels(String answer, int optionCount) {
        List<Integer> out = new ArrayList<>();
        for (String part : answer.strip().toLowerCase(Locale.ROOT).split("[\\s,]+")) {
            if (part.isEmpty()) {
                continue;
            }
            int i = Question.index(part);
            if (i < 0 || i >= optionCount) {
                return Optional.empty();
            }
            out.add(i);
        }
        return Optional.of(out);
    }

    static List<Integer> identity(int n) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(i);
        }
        return l;
    }

    /** The canonical form of the right answer (for feedback and tests). */
    public static String key(Question q) {
        return switch (q.kind()) {
            case SINGLE, OUTPUT, MULTI -> String.join(",", q.correct().stream().sorted().map(Question::label).toList());
            case TRUE_FALSE -> q.truth().toString();
            case SHORT -> q.accepted().isEmpty() ? "" : q.accepted().get(0);
            case ORDER -> String.join(" ", identity(q.options().size()).stream().map(Question::label).toList());
        };
    }
}
