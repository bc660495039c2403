package asynckit.quiz;

import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The quiz in a real terminal (JLine, raw mode).
 *
 * <p>Keys, and the footer that names them, agree: arrows or j/k and number keys move; space ticks or
 * unticks in "tick all that apply"; Enter confirms; Backspace takes back the last line of an ordering
 * question; PgUp/PgDn scroll a question taller than the screen; q or Ctrl-C stops.
 *
 * <p>Nothing is chosen when a question appears: Enter alone asks for a choice first, so an Enter too
 * many after the feedback cannot answer the next question. How a question is scored (all or nothing
 * for "tick all that apply" and ordering) is said before it is answered.
 *
 * <p>Every screen is drawn from its lines: the quiz title and question line stay at the top and the
 * keys at the bottom, the rest scrolls between them; prose wraps at words and code at token
 * boundaries; a resize draws the screen again at the new width.
 */
public final class InteractiveRunner {

    private enum Op { UP, DOWN, TOGGLE, ENTER, BACK, QUIT, DIGIT, PAGE_UP, PAGE_DOWN, REDRAW, NONE }

    private static final AttributedStyle PLAIN = AttributedStyle.DEFAULT;
    private static final AttributedStyle BOLD = AttributedStyle.BOLD;
    private static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();
    private static final AttributedStyle GREEN = AttributedStyle.BOLD.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle RED = AttributedStyle.BOLD.foreground(AttributedStyle.RED);
    private static final AttributedStyle CYAN = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    private static final AttributedStyle YELLOW = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
    /** Code is indented by this much; a wrapped code line's continuation by this much more. */
    private static final String CODE_INDENT = "    ";
    private static final String CODE_CONTINUED = "  ";

    private final Terminal terminal;
    private final KeyMap<Op> keys = new KeyMap<>();
    private final AtomicBoolean resized = new AtomicBoolean();
    private BindingReader reader;
    private Attributes original;
    private Attributes raw;
    private int scroll;

    /** One screen: lines pinned at the top, a body that scrolls, lines pinned at the bottom. */
    private final class Screen {
        final List<AttributedString> top = new ArrayList<>();
        final List<AttributedString> body = new ArrayList<>();
        final List<AttributedString> bottom = new ArrayList<>();
        /** The body line that must stay visible (the highlighted option), or -1. */
        int focus = -1;

        void line(List<AttributedString> to, AttributedStyle style, String text) {
            to.add(new AttributedStringBuilder().style(style).append(text).toAttributedString());
        }

        /** Prose wrapped at words; continuation lines indented under the first line's text. */
        void wrapped(List<AttributedString> to, AttributedStyle prefixStyle, String prefix, AttributedStyle style,
                     String text) {
            List<String> lines = Text.wrap(text, width() - prefix.length(), "");
            for (int i = 0; i < lines.size(); i++) {
                AttributedStringBuilder b = new AttributedStringBuilder();
                b.style(prefixStyle).append(i == 0 ? prefix : " ".repeat(prefix.length()));
                b.style(style).append(lines.get(i));
                to.add(b.toAttributedString());
            }
        }

        void code(String code) {
            for (String l : code.lines().toList()) {
                for (String part : wrapCode(l, width() - CODE_INDENT.length())) {
                    line(body, CYAN, CODE_INDENT + part);
                }
            }
        }
    }

    public InteractiveRunner(Terminal terminal) {
        this.terminal = terminal;
        keys.bind(Op.UP, "\033[A", "\033OA", "k");
        keys.bind(Op.DOWN, "\033[B", "\033OB", "j");
        keys.bind(Op.PAGE_UP, "\033[5~");
        keys.bind(Op.PAGE_DOWN, "\033[6~");
        bindCap(Op.UP, Capability.key_up);
        bindCap(Op.DOWN, Capability.key_down);
        bindCap(Op.PAGE_UP, Capability.key_ppage);
        bindCap(Op.PAGE_DOWN, Capability.key_npage);
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

    /** Raw keys (Ctrl-C arrives as a key, to stop and save) and a redraw on every resize. */
    private Attributes enter() {
        Attributes saved = terminal.enterRawMode();
        original = saved;
        raw = terminal.getAttributes();
        raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
        terminal.setAttributes(raw);
        terminal.handle(Terminal.Signal.WINCH, s -> resized.set(true));
        reader = new BindingReader(terminal.reader());
        return saved;
    }

    private void leave(Attributes saved) {
        terminal.handle(Terminal.Signal.WINCH, Terminal.SignalHandler.SIG_DFL);
        terminal.setAttributes(saved);
        terminal.flush();
    }

    /** Runs the quiz; returns true if every question was answered, false if the taker stopped. */
    public boolean run(Session session) {
        Attributes saved = enter();
        boolean complete = true;
        try {
            List<QuizPlan.Shown> all = session.plan().questions();
            for (int i = 0; i < all.size(); i++) {
                QuizPlan.Shown s = all.get(i);
                String answer = ask(session, s, i + 1, all.size());
                if (answer == null) {
                    complete = false;
                    break;
                }
                boolean right = session.answer(s.question(), answer);
                boolean last = i + 1 == all.size();
                if (!session.sealed() && !showFeedback(session, s, i + 1, all.size(), answer, right, last)) {
                    complete = i + 1 == all.size();
                    break;
                }
            }
            summary(session, complete);
        } finally {
            leave(saved);
        }
        return complete;
    }

    /**
     * The quiz list, to pick one with a number or the arrows and Enter; returns the quiz's name, or null
     * when the taker quits.
     */
    public String pick(List<QuizGrade> quizzes) {
        if (quizzes.isEmpty()) {
            return null;
        }
        Attributes saved = enter();
        try {
            int cursor = -1;
            String message = "";
            scroll = 0;
            while (true) {
                Screen sc = new Screen();
                sc.line(sc.top, BOLD, fit("Quizzes"));
                sc.line(sc.top, PLAIN, "");
                for (int i = 0; i < quizzes.size(); i++) {
                    QuizGrade g = quizzes.get(i);
                    boolean here = i == cursor;
                    String best = !g.problems().isEmpty() && g.maxPoints() == 0 ? "cannot be read"
                            : g.sealed() ? (g.attempted() ? "submitted" : "not taken") + ", graded by your teacher"
                            : g.attempted() ? "best " + g.points() + "/" + g.maxPoints() : "not taken";
                    String prefix = (here ? " > " : "   ") + (i + 1) + ") ";
                    if (here) {
                        sc.focus = sc.body.size();
                    }
                    sc.wrapped(sc.body, here ? YELLOW : PLAIN, prefix, here ? BOLD : PLAIN,
                            g.quiz() + " (" + best + ")");
                    sc.wrapped(sc.body, PLAIN, " ".repeat(prefix.length()), DIM, g.title());
                }
                Op op = show(sc, message, "up/down or a number to choose, Enter to start, q to quit");
                message = "";
                if (op == null) {
                    return null;
                }
                switch (op) {
                    case UP, DOWN -> cursor = move(op, cursor, quizzes.size());
                    case DIGIT -> {
                        int d = reader.getLastBinding().charAt(0) - '1';
                        if (d < quizzes.size()) {
                            return quizzes.get(d).quiz();
                        }
                        message = "There are " + quizzes.size() + " quizzes.";
                    }
                    case ENTER -> {
                        if (cursor >= 0) {
                            return quizzes.get(cursor).quiz();
                        }
                        message = "Choose a quiz first: up/down or its number.";
                    }
                    case PAGE_UP, PAGE_DOWN -> scrollBy(op);
                    default -> {
                    }
                }
            }
        } finally {
            terminal.puts(Capability.clear_screen);
            leave(saved);
        }
    }

    private int width() {
        int w = terminal.getWidth();
        return w <= 0 ? 80 : Math.min(w, 100);
    }

    private int height() {
        int h = terminal.getHeight();
        return h <= 0 ? 24 : h;
    }

    /** A pinned line is never wrapped: it is cut to the width with an ellipsis. */
    private String fit(String s) {
        int w = width();
        return s.length() <= w ? s : s.substring(0, Math.max(1, w - 3)) + "...";
    }

    /**
     * Splits a code line to {@code max} columns at token boundaries: after a space or after one of
     * {@code , ; ( ) { } = + - * / < > & | !}, never inside a word; a single token longer than a line is
     * cut where it must be. Continuation lines keep the line's own indent plus two columns.
     */
    static List<String> wrapCode(String line, int max) {
        List<String> out = new ArrayList<>();
        int lead = 0;
        while (lead < line.length() && line.charAt(lead) == ' ') {
            lead++;
        }
        String cont = " ".repeat(Math.min(lead, Math.max(0, max / 2))) + CODE_CONTINUED;
        String rest = line;
        boolean first = true;
        while (true) {
            String prefix = first ? "" : cont;
            int room = Math.max(8, max - prefix.length());
            if (rest.length() <= room) {
                out.add(prefix + rest);
                return out;
            }
            int cut = -1;
            for (int i = room; i > 0; i--) {
                char before = rest.charAt(i - 1);
                if (before == ' ' || ",;(){}=+-*/<>&|!".indexOf(before) >= 0 && rest.charAt(i) != ' ') {
                    if (rest.substring(0, i).isBlank()) {
                        break;
                    }
                    cut = i;
                    break;
                }
            }
            if (cut <= 0) {
                cut = room;
            }
            out.add(prefix + rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
            first = false;
            if (rest.isEmpty()) {
                return out;
            }
        }
    }

    /** Clears the screen and draws it: top, the visible part of the body, bottom. */
    private void draw(Screen sc) {
        int avail = Math.max(1, height() - sc.top.size() - sc.bottom.size() - 1);
        boolean overflow = sc.body.size() > avail;
        int shown = overflow ? Math.max(1, avail - 1) : avail;
        int maxScroll = Math.max(0, sc.body.size() - shown);
        if (sc.focus >= 0) {
            if (sc.focus < scroll) {
                scroll = sc.focus;
            } else if (sc.focus >= scroll + shown) {
                scroll = sc.focus - shown + 1;
            }
        }
        scroll = Math.max(0, Math.min(scroll, maxScroll));
        terminal.puts(Capability.clear_screen);
        StringBuilder text = new StringBuilder();
        for (AttributedString l : sc.top) {
            text.append(l.toAnsi(terminal)).append("\r\n");
        }
        for (int i = scroll; i < Math.min(sc.body.size(), scroll + shown); i++) {
            text.append(sc.body.get(i).toAnsi(terminal)).append("\r\n");
        }
        if (overflow) {
            String more = (scroll > 0 ? scroll + " lines above" : "")
                    + (scroll > 0 && scroll < maxScroll ? ", " : "")
                    + (scroll < maxScroll ? (sc.body.size() - scroll - shown) + " lines below" : "")
                    + " (PgUp/PgDn)";
            text.append(new AttributedStringBuilder().style(DIM).append(fit("-- " + more + " --"))
                    .toAttributedString().toAnsi(terminal)).append("\r\n");
        }
        for (int i = 0; i < sc.bottom.size(); i++) {
            text.append(sc.bottom.get(i).toAnsi(terminal));
            if (i + 1 < sc.bottom.size()) {
                text.append("\r\n");
            }
        }
        terminal.writer().print(text);
        terminal.flush();
    }

    private void scrollBy(Op op) {
        int page = Math.max(1, height() / 2);
        scroll = op == Op.PAGE_UP ? Math.max(0, scroll - page) : scroll + page;
    }

    /** Draws the screen with its footer and reads the next key; null when the taker stops (q or end of input). */
    private Op show(Screen sc, String message, String keyHelp) {
        footer(sc, message, keyHelp);
        draw(sc);
        Op op = readKey();
        return op == Op.QUIT ? null : op;
    }

    /** The cursor after an up or down arrow among {@code size} entries; -1 (nothing chosen) moves to an end. */
    private static int move(Op op, int cursor, int size) {
        return op == Op.UP ? (cursor <= 0 ? size - 1 : cursor - 1) : (cursor + 1) % size;
    }

    /** The message (if any) and the keys, wrapped, pinned at the bottom. */
    private void footer(Screen sc, String message, String keyHelp) {
        sc.line(sc.bottom, PLAIN, "");
        if (!message.isEmpty()) {
            sc.wrapped(sc.bottom, YELLOW, "", YELLOW, message);
        }
        sc.wrapped(sc.bottom, DIM, "", DIM, keyHelp);
    }

    /** The pinned header and the question (prompt, code, how it is scored) at the top of the body. */
    private Screen question(Session session, QuizPlan.Shown s, int number, int total, boolean scoring) {
        Screen sc = new Screen();
        Question q = s.question();
        sc.line(sc.top, DIM, fit(session.plan().bank().title()
                + (session.sealed() ? "  ·  graded: your teacher scores it, no answer is shown" : "")));
        AttributedStringBuilder head = new AttributedStringBuilder();
        head.style(BOLD).append("Question " + number + " of " + total);
        head.style(DIM).append("   " + q.points() + (q.points() == 1 ? " point" : " points")
                + (q.kind() == Kind.MULTI ? " · tick all that apply" : q.kind() == Kind.ORDER ? " · put in order" : ""));
        AttributedString h = head.toAttributedString();
        sc.top.add(h.length() > width() ? h.columnSubSequence(0, width()) : h);
        sc.line(sc.top, PLAIN, "");
        sc.wrapped(sc.body, PLAIN, "", PLAIN, q.prompt());
        if (q.code() != null) {
            sc.line(sc.body, PLAIN, "");
            sc.code(q.code());
        }
        sc.line(sc.body, PLAIN, "");
        if (scoring) {
            String how = scoring(q);
            if (how != null) {
                sc.wrapped(sc.body, DIM, "", DIM, how);
                sc.line(sc.body, PLAIN, "");
            }
        }
        return sc;
    }

    /** How a question is scored, said before it is answered (null when it is plain right or wrong). */
    static String scoring(Question q) {
        String pts = q.points() + (q.points() == 1 ? " point" : " points");
        return switch (q.kind()) {
            case MULTI -> "Scored all or nothing: " + pts + " when you tick every right option and no wrong one;"
                    + " one missed or extra tick scores 0.";
            case ORDER -> "Scored all or nothing: " + pts + " when every line is in its place; any line out of"
                    + " place scores 0.";
            default -> null;
        };
    }

    /** Shows the question and reads an answer; null when the taker stops. */
    private String ask(Session session, QuizPlan.Shown s, int number, int total) {
        Question q = s.question();
        scroll = 0;
        if (q.kind() == Kind.SHORT) {
            return askShort(session, s, number, total);
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
        int cursor = -1; // nothing chosen yet: an Enter left over from the last feedback answers nothing
        Set<Integer> ticked = new TreeSet<>();
        String message = "";
        while (true) {
            Screen sc = question(session, s, number, total, true);
            for (int i = 0; i < texts.size(); i++) {
                boolean here = i == cursor;
                String mark = multi ? (ticked.contains(i) ? "[x] " : "[ ] ") : "";
                String prefix = (here ? " > " : "   ") + (i + 1) + ") " + mark;
                if (here) {
                    sc.focus = sc.body.size();
                }
                sc.wrapped(sc.body, here ? YELLOW : PLAIN, prefix, here ? BOLD : PLAIN, texts.get(i));
            }
            Op op = show(sc, message, multi
                    ? "up/down or a number to move, space to tick or untick, Enter to confirm, q to stop"
                    : "up/down or a number to choose, Enter to confirm, q to stop");
            message = "";
            if (op == null) {
                return null;
            }
            switch (op) {
                case UP, DOWN -> cursor = move(op, cursor, texts.size());
                case DIGIT -> {
                    int d = reader.getLastBinding().charAt(0) - '1';
                    if (d < texts.size()) {
                        cursor = d;
                    } else {
                        message = "There are " + texts.size() + " options.";
                    }
                }
                case TOGGLE -> {
                    if (!multi) {
                        message = "Space ticks options in \"tick all that apply\" questions; here, choose one and"
                                + " press Enter.";
                    } else if (cursor < 0) {
                        message = "Move to an option first (up/down or its number), then press space to tick it.";
                    } else {
                        toggle(ticked, cursor);
                    }
                }
                case ENTER -> {
                    if (multi) {
                        if (ticked.isEmpty()) {
                            message = "Tick at least one option: move to it, press space; then Enter.";
                        } else {
                            return String.join(",", ticked.stream().map(i -> s.labelAt(i + 1)).sorted().toList());
                        }
                    } else if (cursor < 0) {
                        message = "Choose an option first (up/down or its number), then press Enter.";
                    } else if (q.kind() == Kind.TRUE_FALSE) {
                        return cursor == 0 ? "true" : "false";
                    } else {
                        return s.labelAt(cursor + 1);
                    }
                }
                case PAGE_UP, PAGE_DOWN -> scrollBy(op);
                default -> {
                }
            }
        }
    }

    /**
     * The next key; {@link Op#REDRAW} after a resize; null when the terminal's input has ended. Waits in
     * short steps so that a resize is seen while no key comes.
     */
    private Op readKey() {
        NonBlockingReader in = terminal.reader();
        try {
            while (true) {
                if (resized.getAndSet(false)) {
                    return Op.REDRAW;
                }
                int c = in.peek(50);
                if (c == NonBlockingReader.EOF) {
                    return null;
                }
                if (c >= 0) {
                    return reader.readBinding(keys);
                }
            }
        } catch (EndOfFileException e) {
            return null;
        } catch (IOException e) {
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
        int cursor = -1;
        String message = "";
        while (true) {
            List<Integer> left = new ArrayList<>();
            for (int n = 1; n <= s.size(); n++) {
                if (!picked.contains(n)) {
                    left.add(n);
                }
            }
            cursor = Math.min(cursor, left.size() - 1);
            Screen sc = question(session, s, number, total, true);
            sc.line(sc.body, BOLD, "Your order:");
            for (int i = 0; i < picked.size(); i++) {
                sc.wrapped(sc.body, GREEN, "   " + (i + 1) + ". ", GREEN, s.textAt(picked.get(i)));
            }
            if (picked.isEmpty()) {
                sc.line(sc.body, DIM, "   (nothing yet: choose the line that comes first)");
            }
            sc.line(sc.body, PLAIN, "");
            String keyHelp;
            if (!left.isEmpty()) {
                sc.line(sc.body, BOLD, "Lines left:");
                for (int i = 0; i < left.size(); i++) {
                    boolean here = i == cursor;
                    String prefix = (here ? " > " : "   ") + left.get(i) + ") ";
                    if (here) {
                        sc.focus = sc.body.size();
                    }
                    sc.wrapped(sc.body, here ? YELLOW : PLAIN, prefix, here ? BOLD : PLAIN, s.textAt(left.get(i)));
                }
                keyHelp = "a number, or up/down then Enter, places the next line; Backspace takes one back; q stops";
            } else {
                keyHelp = "Enter to confirm this order, Backspace to take back the last line, q to stop";
            }
            Op op = show(sc, message, keyHelp);
            message = "";
            if (op == null) {
                return null;
            }
            switch (op) {
                case UP, DOWN -> cursor = left.isEmpty() ? -1 : move(op, cursor, left.size());
                case DIGIT -> {
                    int d = reader.getLastBinding().charAt(0) - '0';
                    if (left.contains(d)) {
                        picked.add(d);
                        cursor = -1;
                    } else if (d <= s.size()) {
                        message = "Line " + d + " is already in your order.";
                    }
                }
                case ENTER -> {
                    if (left.isEmpty()) {
                        return String.join(" ", picked.stream().map(s::labelAt).toList());
                    }
                    if (cursor < 0) {
                        message = "Choose the next line first (its number, or up/down then Enter).";
                    } else {
                        picked.add(left.get(cursor));
                        cursor = -1;
                    }
                }
                case BACK -> {
                    if (!picked.isEmpty()) {
                        picked.remove(picked.size() - 1);
                    }
                }
                case PAGE_UP, PAGE_DOWN -> scrollBy(op);
                default -> {
                }
            }
        }
    }

    private String askShort(Session session, QuizPlan.Shown s, int number, int total) {
        Screen sc = question(session, s, number, total, true);
        footer(sc, "", "Type your answer and press Enter (Ctrl-C stops).");
        draw(sc);
        terminal.writer().print("\r\n");
        terminal.flush();
        LineReader lines = LineReaderBuilder.builder().terminal(terminal).build();
        terminal.setAttributes(original); // Ctrl-C is a signal again, which the line reader turns into a stop
        try {
            while (true) {
                String typed = lines.readLine("> ");
                if (!Scoring.normalise(typed).isEmpty()) {
                    return typed.strip();
                }
                terminal.writer().print(new AttributedStringBuilder().style(YELLOW)
                        .append("The answer is empty; type something.").toAnsi(terminal) + "\r\n");
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
        scroll = 0;
        while (true) {
            Screen sc = question(session, s, number, total, false);
            if (q.kind() == Kind.ORDER) {
                sc.line(sc.body, PLAIN, "Your order:");
                List<Integer> picked = Scoring.labels(answer, q.options().size()).orElse(List.of());
                for (int i = 0; i < picked.size(); i++) {
                    sc.wrapped(sc.body, PLAIN, "   " + (i + 1) + ". ", PLAIN, q.options().get(picked.get(i)));
                }
            } else {
                sc.wrapped(sc.body, PLAIN, "Your answer: ", PLAIN, Text.describe(s, answer));
            }
            sc.line(sc.body, PLAIN, "");
            if (right) {
                sc.line(sc.body, GREEN, "Correct! +" + q.points());
            } else {
                sc.line(sc.body, RED, "Incorrect." + (q.kind() == Kind.ORDER ? " The order is:" : " The answer:"));
                for (String k : Text.rightAnswer(s)) {
                    sc.wrapped(sc.body, GREEN, "   ", GREEN, k);
                }
            }
            sc.line(sc.body, PLAIN, "");
            sc.wrapped(sc.body, PLAIN, "", PLAIN, q.explanation());
            sc.wrapped(sc.body, DIM, "", DIM, "concept: " + q.concept() + "   lesson: " + q.lesson());
            Op op = show(sc, "", last ? "Press Enter to see your score." : "Press Enter for the next question, q to stop.");
            if (op == null) {
                return false;
            }
            if (op == Op.ENTER || op == Op.TOGGLE) {
                return true;
            }
            if (op == Op.PAGE_UP || op == Op.PAGE_DOWN) {
                scrollBy(op);
            }
        }
    }

    private void summary(Session session, boolean complete) {
        Bank bank = session.plan().bank();
        Screen sc = new Screen();
        sc.line(sc.top, DIM, fit(bank.title()));
        if (!complete) {
            sc.line(sc.body, YELLOW, "Stopped early: unanswered questions count as wrong.");
        }
        if (session.sealed()) {
            sc.line(sc.body, BOLD, "Answered " + session.answeredCount() + " of " + bank.questions().size()
                    + " questions.");
            sc.wrapped(sc.body, PLAIN, "", PLAIN, "No score here: this is a graded quiz, and your teacher scores it"
                    + " from your saved answers (the first complete attempt counts).");
            printWhole(sc);
            return;
        }
        int score = session.score();
        AttributedStringBuilder b = new AttributedStringBuilder();
        b.style(BOLD).append("Score: ");
        b.style(score == bank.maxPoints() ? GREEN : BOLD).append(score + " / " + bank.maxPoints() + " points");
        sc.body.add(b.toAttributedString());
        sc.line(sc.body, PLAIN, session.rightCount() + " of " + bank.questions().size() + " questions right");
        List<QuizPlan.Shown> review = session.toReview();
        if (!review.isEmpty()) {
            sc.line(sc.body, PLAIN, "");
            sc.line(sc.body, BOLD, "To review:");
            for (QuizPlan.Shown s : review) {
                sc.line(sc.body, PLAIN, Text.reviewLine(session.number(s), s.question(), width()));
            }
        }
        printWhole(sc);
    }

    /** The summary stays on screen after the quiz: printed whole, no scrolling window. */
    private void printWhole(Screen sc) {
        terminal.puts(Capability.clear_screen);
        StringBuilder text = new StringBuilder();
        for (AttributedString l : sc.top) {
            text.append(l.toAnsi(terminal)).append("\r\n");
        }
        for (AttributedString l : sc.body) {
            text.append(l.toAnsi(terminal)).append("\r\n");
        }
        terminal.writer().print(text);
        terminal.flush();
    }
}
