package asynckit.quiz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The quiz as numbered prompts on a plain stream: for pipes, CI and scripts. Answers come from input
 * lines, or from an answers file ({@link AnswersFile}) when one is given.
 */
public final class PlainRunner {
    private static final int WIDTH = 80;
    /** Said before a sealed (graded) quiz starts. */
    static final String SEALED_NOTE = "A graded quiz: your answers are recorded and your teacher scores them."
            + " No answer or score is shown here. Only your first complete attempt counts.";

    private final BufferedReader in;
    private final PrintWriter out;
    private final Map<String, String> fromFile;
    private final boolean echo;

    /**
     * {@code fromFile} is null to read answers from {@code in}; {@code echo} repeats each input line
     * after its prompt (for piped input, so that the transcript shows what was answered).
     */
    public PlainRunner(BufferedReader in, PrintWriter out, Map<String, String> fromFile, boolean echo) {
        this.in = in;
        this.out = out;
        this.fromFile = fromFile;
        this.echo = echo;
    }

    /** Runs the whole quiz; returns true if every question was reached (false on end of input). */
    public boolean run(Session session) throws IOException {
        QuizPlan plan = session.plan();
        Bank bank = plan.bank();
        List<QuizPlan.Shown> all = plan.questions();
        out.println("Quiz: " + bank.title() + " (" + all.size() + " questions, " + bank.maxPoints()
                + " points, seed " + plan.seed() + ")");
        if (session.sealed()) {
            Text.wrap(SEALED_NOTE, WIDTH, "").forEach(out::println);
        }
        if (fromFile == null) {
            out.println("Answer with a number; several numbers for \"tick all that apply\" (1,3); "
                    + "an order as 3 1 2. End of input stops the quiz.");
        }
        boolean complete = true;
        for (int i = 0; i < all.size(); i++) {
            QuizPlan.Shown s = all.get(i);
            show(s, i + 1, all.size());
            String canonical;
            if (fromFile != null) {
                canonical = fromFile.get(s.question().id());
                out.println("Answer from file: " + Text.describe(s, canonical));
            } else {
                canonical = ask(s);
                if (canonical == null) {
                    out.println();
                    out.println("End of input: the quiz stops here; the remaining questions count as unanswered.");
                    complete = false;
                    break;
                }
            }
            boolean right = canonical != null && session.answer(s.question(), canonical);
            if (session.sealed()) {
                out.println(canonical == null ? "Not answered." : "Recorded.");
            } else {
                feedback(s, right);
            }
        }
        summary(session);
        out.flush();
        return complete;
    }

    private void show(QuizPlan.Shown s, int number, int total) {
        Question q = s.question();
        out.println();
        out.println("Question " + number + " of " + total + "  [" + q.points() + (q.points() == 1 ? " point" : " points")
                + (q.kind() == Kind.MULTI ? ", tick all that apply" : "") + "]");
        Text.wrap(q.prompt(), WIDTH, "").forEach(out::println);
        if (q.code() != null) {
            out.println();
            q.code().lines().forEach(l -> out.println("    " + l));
        }
        switch (q.kind()) {
            case TRUE_FALSE -> {
                out.println("  1) true");
                out.println("  2) false");
            }
            case SHORT -> {
            }
            default -> {
                for (int n = 1; n <= s.size(); n++) {
                    out.println("  " + n + ") " + s.textAt(n));
                }
            }
        }
    }

    private String ask(QuizPlan.Shown s) throws IOException {
        while (true) {
            out.print("Your answer (" + Text.hint(s.question().kind()) + "): ");
            out.flush();
            String line = in.readLine();
            if (line == null) {
                return null;
            }
            if (echo) {
                out.println(line);
            }
            try {
                return toCanonical(s, line);
            } catch (IllegalArgumentException e) {
                out.println(e.getMessage() + " Try again.");
            }
        }
    }

    /** Turns what a taker typed (numbers as shown) into the canonical answer; throws with a reason if it is not valid. */
    static String toCanonical(QuizPlan.Shown s, String typed) {
        Question q = s.question();
        String t = typed.strip();
        int n = s.size();
        switch (q.kind()) {
            case TRUE_FALSE -> {
                switch (t.toLowerCase(Locale.ROOT)) {
                    case "1", "t", "true", "y", "yes" -> {
                        return "true";
                    }
                    case "2", "f", "false", "n", "no" -> {
                        return "false";
                    }
                    default -> throw new IllegalArgumentException("\"" + t + "\" is not an answer: type 1 (true) or 2 (false).");
                }
            }
            case SHORT -> {
                if (Scoring.normalise(t).isEmpty()) {
                    throw new IllegalArgumentException("The answer is empty.");
                }
                return t;
            }
            default -> {
                List<Integer> numbers = numbers(t, n);
                switch (q.kind()) {
                    case SINGLE, OUTPUT -> {
                        if (numbers.size() != 1) {
                            throw new IllegalArgumentException("Choose exactly one number from 1 to " + n + ".");
                        }
                        return s.labelAt(numbers.get(0));
                    }
                    case MULTI -> {
                        Set<Integer> set = new LinkedHashSet<>(numbers);
                        if (set.isEmpty()) {
                            throw new IllegalArgumentException("Give at least one number from 1 to " + n + ", e.g. 1,3.");
                        }
                        if (set.size() != numbers.size()) {
                            throw new IllegalArgumentException("A number is given twice.");
                        }
                        return String.join(",", set.stream().map(s::labelAt).sorted().toList());
                    }
                    default -> { // ORDER
                        if (numbers.size() != n || new LinkedHashSet<>(numbers).size() != n) {
                            throw new IllegalArgumentException("Give each number from 1 to " + n
                                    + " exactly once, in the order you think, e.g. " + example(n) + ".");
                        }
                        return String.join(" ", numbers.stream().map(s::labelAt).toList());
                    }
                }
            }
        }
    }

    private static String example(int n) {
        List<String> l = new ArrayList<>();
        for (int i = n; i >= 1; i--) {
            l.add(String.valueOf(i));
        }
        return String.join(" ", l);
    }

    private static List<Integer> numbers(String t, int n) {
        List<Integer> out = new ArrayList<>();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("The answer is empty.");
        }
        for (String part : t.split("[\\s,]+")) {
            if (part.isEmpty()) {
                continue;
            }
            int v;
            try {
                v = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("\"" + part + "\" is not a number.");
            }
            if (v < 1 || v > n) {
                throw new IllegalArgumentException(v + " is not between 1 and " + n + ".");
            }
            out.add(v);
        }
        return out;
    }

    private void feedback(QuizPlan.Shown s, boolean right) {
        Question q = s.question();
        if (right) {
            out.println("Correct. +" + q.points());
        } else {
            List<String> key = Text.rightAnswer(s);
            out.println("Incorrect. The answer" + (q.kind() == Kind.ORDER ? ", in order:" : ":")
                    + (key.size() == 1 ? " " + key.get(0) : ""));
            if (key.size() > 1) {
                key.forEach(k -> out.println("  " + k));
            }
        }
        Text.wrap(q.explanation(), WIDTH, "  ").forEach(out::println);
        out.println("  (concept: " + q.concept() + "; lesson: " + q.lesson() + ")");
    }

    private void summary(Session session) {
        Bank bank = session.plan().bank();
        out.println();
        if (session.sealed()) {
            out.println("Answered " + session.answeredCount() + " of " + bank.questions().size()
                    + " questions. No score here: your teacher scores this graded quiz.");
            return;
        }
        out.println("Score: " + session.score() + " / " + bank.maxPoints() + " points ("
                + session.rightCount() + " of " + bank.questions().size() + " questions right)");
        List<QuizPlan.Shown> review = session.toReview();
        if (!review.isEmpty()) {
            out.println("To review:");
            for (QuizPlan.Shown s : review) {
                out.println(Text.reviewLine(session.number(s), s.question(), WIDTH));
            }
        }
    }
}
