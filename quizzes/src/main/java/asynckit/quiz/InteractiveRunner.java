package asynckit.quiz;

import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp.Capability;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The quiz in a real terminal (JLine, raw mode): arrows or j/k move, number keys jump, space ticks,
 * Enter confirms, Backspace undoes the last pick of an ordering question, q or Ctrl-C stops.
 */
public final class InteractiveRunner {

    private enum Op { UP, DOWN, TOGGLE, ENTER, BACK, QUIT, DIGIT, NONE }

    private static final AttributedStyle BOLD = AttributedStyle.BOLD;
    private static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();
    private static final AttributedStyle GREEN = AttributedStyle.BOLD.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle RED = AttributedStyle.BOLD.foreground(AttributedStyle.RED);
    private static final AttributedStyle CYAN = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    private static final AttributedStyle YELLOW = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);

    private final Terminal terminal;
    private final KeyMap<Op> keys = new KeyMap<>();
    private BindingReader reader;
    private Attributes original;
    private String message = "";

    public InteractiveRunner(Terminal terminal) {
        this.terminal = terminal;
        keys.bind(Op.UP, "\033[A", "\033OA", "k");
        keys.bind(Op.DOWN, "\033[B", "\033OB", "j");
        bindCap(Op.UP, Capability.key_up);
        bindCap(Op.DOWN, Capability.key_down);
        keys.bind(Op.TOGGLE, " ");
        keys.bind(Op.ENTER, "\r", "\n");
        keys.bind(Op.BACK, "\177", "\b");
        keys.bind(Op.QUIT, "q", "Q", KeyMap.ctrl('C'), KeyMap.ctrl('D'));
        for (char c = '1'; c <= '9'; c++) {
            keys.bind(Op.DIGIT, String.valueOf(c));
        }
        keys.setNomatch(Op.NONE);
        keys.setUnicode(Op.NONE);
    }

    private void bindCap(Op op, Capability cap) {
        String seq = KeyMap.key(terminal, cap);
        if (seq != null && !seq.isEmpty()) {
            keys.bind(op, seq);
        }
    }

    /** Runs the quiz; returns true if every question was answered, false if the taker stopped. */
    public boolean run(Session session) {
        Attributes saved = terminal.enterRawMode();
        original = saved;
        Attributes raw = terminal.getAttributes();
        raw.setLocalFlag(Attributes.LocalFlag.ISIG, false); // Ctrl-C arrives as a key: stop and save
        terminal.setAttributes(raw);
        reader = new BindingReader(terminal.reader());
        boolean complete = true;
        try {
            List<QuizPlan.Shown> all = session.plan().questions();
            for (int i = 0; i < all.size(); i++) {
                QuizPlan.Shown s = all.get(i);
                String answer = ask(session, s, i + 1, all.size(), raw);
                if (answer == null) {
                    complete = false;
                    break;
                }
                boolean right = session.answer(s.question(), answer);
                if (!showFeedback(session, s, i + 1, all.size(), answer, right, i + 1 == all.size())) {
                    complete = i + 1 == all.size();
                    break;
                }
            }
            summary(session, complete);
        } finally {
            terminal.setAttributes(saved);
            terminal.flush();
        }
        return complete;
    }

    private int width() {
        int w = terminal.getWidth();
        return w <= 0 ? 80 : Math.min(w, 100);
    }

    private void print(AttributedStyle style, String text) {
        terminal.writer().print(new AttributedStringBuilder().style(style).append(text).toAnsi(terminal));
    }

    private void println(AttributedStyle style, String text) {
        print(style, text);
        terminal.writer().print("\r\n");
    }

    /** Prints text wrapped to the terminal, continuation lines indented by {@code indent} columns. */
    private void printHanging(AttributedStyle style, String text, int indent) {
        List<String> lines = Text.wrap(text, width() - indent, "");
        for (int i = 0; i < lines.size(); i++) {
            println(style, (i == 0 ? "" : " ".repeat(indent)) + lines.get(i));
        }
    }

    private void println() {
        terminal.writer().print("\r\n");
    }

    private void header(Session session, QuizPlan.Shown s, int number, int total) {
        terminal.puts(Capability.clear_screen);
        Question q = s.question();
        println(DIM, session.plan().bank().title());
        print(BOLD, "Question " + number + " of " + total);
        println(DIM, "   " + q.points() + (q.points() == 1 ? " point" : " points")
                + (q.kind() == Kind.MULTI ? " - tick all that apply" : ""));
        println();
        for (String l : Text.wrap(q.prompt(), width(), "")) {
            println(AttributedStyle.DEFAULT, l);
        }
        if (q.code() != null) {
            println();
            q.code().lines().forEach(l -> println(CYAN, "    " + l));
        }
        println();
    }

    /** Shows the question and reads an answer; null when the taker stops. */
    private String ask(Session session, QuizPlan.Shown s, int number, int total, Attributes raw) {
        Question q = s.question();
        message = "";
        if (q.kind() == Kind.SHORT) {
            return askShort(session, s, number, total, raw);
        }
        if (q.kind() == Kind.ORDER) {
            return askOrder(session, s, number, total);
        }
        List<String> texts = new ArrayList<>();
        if (q.kind() == Kind.TRUE_FALSE) {
            texts.add("true");
            texts.add("false");
        } else {
            for (int n = 1; n <= s.size(); n++) {
                texts.add(s.textAt(n));
            }
        }
        boolean multi = q.kind() == Kind.MULTI;
        int cursor = 0;
        Set<Integer> ticked = new TreeSet<>();
        while (true) {
            header(session, s, number, total);
            for (int i = 0; i < texts.size(); i++) {
                boolean here = i == cursor;
                String mark = multi ? (ticked.contains(i) ? "[x] " : "[ ] ") : "";
                String prefix = (here ? " > " : "   ") + (i + 1) + ") " + mark;
                print(here ? YELLOW : AttributedStyle.DEFAULT, prefix);
                printHanging(here ? BOLD : AttributedStyle.DEFAULT, texts.get(i), prefix.length());
            }
            println();
            println(DIM, multi
                    ? "up/down or a number to move, space to tick, Enter to confirm, q to stop"
                    : "up/down or a number to choose, Enter to confirm, q to stop");
            Op op = showAndRead(message);
            message = "";
            if (op == null) {
                return null;
            }
            switch (op) {
                case UP -> cursor = (cursor + texts.size() - 1) % texts.size();
                case DOWN -> cursor = (cursor + 1) % texts.size();
                case DIGIT -> {
                    int d = reader.getLastBinding().charAt(0) - '1';
                    if (d < texts.size()) {
                        cursor = d;
                        if (multi) {
                            toggle(ticked, d);
                        }
                    }
                }
                case TOGGLE -> {
                    if (multi) {
                        toggle(ticked, cursor);
                    } else {
                        message = "Space ticks options in \"tick all that apply\" questions; press Enter to choose.";
                    }
                }
                case ENTER -> {
                    if (q.kind() == Kind.TRUE_FALSE) {
                        return cursor == 0 ? "true" : "false";
                    }
                    if (!multi) {
                        return s.labelAt(cursor + 1);
                    }
                    if (ticked.isEmpty()) {
                        message = "Tick at least one option with space (or its number), then press Enter.";
                    } else {
                        return String.join(",", ticked.stream().map(i -> s.labelAt(i + 1)).sorted().toList());
                    }
                }
                default -> {
                }
            }
        }
    }

    /** The next key; null when the terminal's input has ended. */
    /** Shows {@code message} (if any) under the question, then reads the next key; null when the taker stops. */
    private Op showAndRead(String message) {
        if (!message.isEmpty()) {
            println(YELLOW, message);
        }
        terminal.flush();
        Op op = readKey();
        return op == Op.QUIT ? null : op;
    }

    private Op readKey() {
        try {
            return reader.readBinding(keys);
        } catch (EndOfFileException e) {
            return null;
        }
    }

    private static void toggle(Set<Integer> set, int i) {
        if (!set.remove(i)) {
            set.add(i);
        }
    }

    private String askOrder(Session session, QuizPlan.Shown s, int number, int total) {
        List<Integer> picked = new ArrayList<>(); // shown numbers, 1-based, in the order picked
        int cursor = 0;
        while (true) {
            List<Integer> left = new ArrayList<>();
            for (int n = 1; n <= s.size(); n++) {
                if (!picked.contains(n)) {
                    left.add(n);
                }
            }
            cursor = Math.min(cursor, Math.max(0, left.size() - 1));
            header(session, s, number, total);
            println(BOLD, "Your order:");
            for (int i = 0; i < picked.size(); i++) {
                print(GREEN, "   " + (i + 1) + ". ");
                printHanging(GREEN, s.textAt(picked.get(i)), 6 + String.valueOf(i + 1).length());
            }
            if (picked.isEmpty()) {
                println(DIM, "   (nothing yet: pick the line that comes first)");
            }
            println();
            if (!left.isEmpty()) {
                println(BOLD, "Lines left:");
                for (int i = 0; i < left.size(); i++) {
                    boolean here = i == cursor;
                    String prefix = (here ? " > " : "   ") + left.get(i) + ") ";
                    print(here ? YELLOW : AttributedStyle.DEFAULT, prefix);
                    printHanging(here ? BOLD : AttributedStyle.DEFAULT, s.textAt(left.get(i)), prefix.length());
                }
                println();
                println(DIM, "up/down then Enter (or a number) picks the next line; Backspace undoes; q stops");
            } else {
                println(DIM, "Enter to confirm this order, Backspace to undo the last pick, q to stop");
            }
            Op op = showAndRead(message);
            message = "";
            if (op == null) {
                return null;
            }
            switch (op) {
                case UP -> cursor = left.isEmpty() ? 0 : (cursor + left.size() - 1) % left.size();
                case DOWN -> cursor = left.isEmpty() ? 0 : (cursor + 1) % left.size();
                case DIGIT -> {
                    int d = reader.getLastBinding().charAt(0) - '0';
                    if (left.contains(d)) {
                        picked.add(d);
                    } else if (d <= s.size()) {
                        message = "Line " + d + " is already in your order.";
                    }
                }
                case ENTER -> {
                    if (left.isEmpty()) {
                        return String.join(" ", picked.stream().map(s::labelAt).toList());
                    }
                    picked.add(left.get(cursor));
                }
                case BACK -> {
                    if (!picked.isEmpty()) {
                        picked.remove(picked.size() - 1);
                    }
                }
                default -> {
                }
            }
        }
    }

    private String askShort(Session session, QuizPlan.Shown s, int number, int total, Attributes raw) {
        header(session, s, number, total);
        println(DIM, "Type your answer and press Enter (Ctrl-C stops).");
        terminal.flush();
        LineReader lines = LineReaderBuilder.builder().terminal(terminal).build();
        terminal.setAttributes(original); // Ctrl-C is a signal again, which the line reader turns into a stop
        try {
            while (true) {
                String typed = lines.readLine("> ");
                if (!Scoring.normalise(typed).isEmpty()) {
                    return typed.strip();
                }
                println(YELLOW, "The answer is empty; type something.");
                terminal.flush();
            }
        } catch (UserInterruptException | EndOfFileException e) {
            return null;
        } finally {
            terminal.setAttributes(raw);
        }
    }

    /** Shows the answer and its explanation; returns false if the taker stops. */
    private boolean showFeedback(Session session, QuizPlan.Shown s, int number, int total, String answer,
                                 boolean right, boolean last) {
        Question q = s.question();
        header(session, s, number, total);
        if (q.kind() == Kind.ORDER) {
            println(AttributedStyle.DEFAULT, "Your order:");
            List<Integer> picked = Scoring.labels(answer, q.options().size()).orElse(List.of());
            for (int i = 0; i < picked.size(); i++) {
                print(AttributedStyle.DEFAULT, "   " + (i + 1) + ". ");
                printHanging(AttributedStyle.DEFAULT, q.options().get(picked.get(i)), 6 + String.valueOf(i + 1).length());
            }
        } else {
            print(AttributedStyle.DEFAULT, "Your answer: ");
            printHanging(AttributedStyle.DEFAULT, Text.describe(s, answer), 13);
        }
        println();
        if (right) {
            println(GREEN, "Correct! +" + q.points());
        } else {
            List<String> key = Text.rightAnswer(s);
            println(RED, "Incorrect." + (q.kind() == Kind.ORDER ? " The order is:" : " The answer:"));
            key.forEach(k -> {
                print(GREEN, "   ");
                printHanging(GREEN, k, 3);
            });
        }
        println();
        Text.wrap(q.explanation(), width(), "").forEach(l -> println(AttributedStyle.DEFAULT, l));
        println(DIM, "concept: " + q.concept() + "   lesson: " + q.lesson());
        println();
        println(DIM, last ? "Press Enter to see your score." : "Press Enter for the next question, q to stop.");
        terminal.flush();
        while (true) {
            Op op = readKey();
            if (op == null || op == Op.QUIT) {
                return false;
            }
            if (op == Op.ENTER || op == Op.TOGGLE) {
                return true;
            }
        }
    }

    private void summary(Session session, boolean complete) {
        Bank bank = session.plan().bank();
        terminal.puts(Capability.clear_screen);
        println(DIM, bank.title());
        if (!complete) {
            println(YELLOW, "Stopped early: unanswered questions count as wrong.");
        }
        int score = session.score();
        print(BOLD, "Score: ");
        println(score == bank.maxPoints() ? GREEN : BOLD, score + " / " + bank.maxPoints() + " points");
        println(AttributedStyle.DEFAULT, session.rightCount() + " of " + bank.questions().size() + " questions right");
        List<QuizPlan.Shown> review = session.toReview();
        if (!review.isEmpty()) {
            println();
            println(BOLD, "To review:");
            for (QuizPlan.Shown s : review) {
                println(AttributedStyle.DEFAULT, Text.reviewLine(session.number(s), s.question(), width()));
            }
        }
        terminal.flush();
    }
}
