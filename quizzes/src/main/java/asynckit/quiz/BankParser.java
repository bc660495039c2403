package asynckit.quiz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the {@code .quiz} bank format (see quizzes/README.md). Strict on purpose: every problem in a
 * file is reported as {@code file:line: what is wrong}, all of them at once.
 */
public final class BankParser {

    private static final Pattern HEADER = Pattern.compile("^##\\s+(\\S+)\\s+(\\S+)\\s*$");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern FIELD = Pattern.compile(
            "^(title|shuffle-questions|graded|sealed|points|concept|lesson|prompt|explain|answer|accept|pattern|runnable):(.*)$");
    private static final Pattern OPTION = Pattern.compile("^- \\[([ xX]?)\\]\\s*(.*)$");
    private static final Pattern ITEM = Pattern.compile("^(\\d+)\\.\\s+(.*)$");
    private static final String FENCE = "```";
    /** Fields a sealed bank must not carry: they give the answer away. */
    private static final Set<String> KEY_FIELDS = Set.of("answer", "accept", "pattern", "explain", "runnable");

    private BankParser() {
    }

    /** Parses {@code file}; {@code shownAs} is the name errors use (e.g. {@code quizzes/banks/x.quiz}). */
    public static Bank parse(Path file, String shownAs) throws BankException, IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        String name = file.getFileName().toString().replaceFirst("\\.quiz$", "");
        return parse(name, file, shownAs, text);
    }

    /** SHA-256 (hex) of a bank's text with CRLF/CR turned into LF, so a Windows checkout matches CI. */
    public static String checksum(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(normaliseNewlines(text).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public static String checksum(Path file) throws IOException {
        return checksum(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }

    private static String normaliseNewlines(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    public static Bank parse(String name, Path file, String shownAs, String text) throws BankException {
        return new Run(shownAs).parse(name, file, text);
    }

    private record Problem(int line, String message) {
    }

    /** Mutable state of one parse. */
    private static final class Run {
        private final String shownAs;
        private final List<Problem> problems = new ArrayList<>();
        private final List<Question> questions = new ArrayList<>();
        private final Set<String> ids = new HashSet<>();
        private String title;
        private int titleLine;
        private Boolean shuffle;
        private Boolean graded;
        private Boolean sealed;
        private Draft draft;

        Run(String shownAs) {
            this.shownAs = shownAs;
        }

        void error(int line, String message) {
            problems.add(new Problem(line, message));
        }

        Bank parse(String name, Path file, String text) throws BankException {
            String normal = normaliseNewlines(text);
            String[] lines = normal.split("\n", -1);
            StringBuilder block = null; // the prompt: or explain: text being continued
            for (int i = 0; i < lines.length; i++) {
                int no = i + 1;
                String raw = stripTrailing(lines[i]);
                if (draft != null && raw.startsWith(FENCE)) {
                    i = readCode(lines, i);
                    block = null;
                    continue;
                }
                if (raw.startsWith(FENCE)) {
                    error(no, "a code block must belong to a question (after its \"## id kind\" line)");
                    i = skipCode(lines, i);
                    continue;
                }
                Matcher header = HEADER.matcher(raw);
                if (raw.startsWith("##")) {
                    finish();
                    block = null;
                    if (!header.matches()) {
                        error(no, "a question starts with \"## <id> <kind>\", e.g. \"## allof-returns single\"");
                        draft = new Draft("?", null, no); // keep reading its lines, report them against it
                        continue;
                    }
                    draft = startQuestion(header.group(1), header.group(2), no);
                    continue;
                }
                if (raw.startsWith("#")) {
                    continue; // comment
                }
                if (raw.isBlank()) {
                    if (block != null) {
                        block.append('\n');
                    }
                    continue;
                }
                Matcher field = FIELD.matcher(raw);
                if (field.matches()) {
                    block = field(field.group(1), field.group(2).strip(), no);
                    continue;
                }
                Matcher option = OPTION.matcher(raw);
                Matcher item = ITEM.matcher(raw);
                if (draft != null && option.matches()) {
                    block = null;
                    draft.option(option.group(2).strip(), option.group(1).equalsIgnoreCase("x"), no);
                    continue;
                }
                if (draft != null && item.matches() && (draft.kind == Kind.ORDER || block == null)) {
                    block = null;
                    draft.item(Integer.parseInt(item.group(1)), item.group(2).strip(), no);
                    continue;
                }
                if (block != null) {
                    block.append(block.length() == 0 || block.charAt(block.length() - 1) == '\n' ? "" : " ")
                            .append(raw.strip());
                    continue;
                }
                if (raw.startsWith("-") && draft != null) {
                    error(no, "an option is written \"- [ ] text\" (wrong) or \"- [x] text\" (right)");
                } else if (raw.matches("^[a-z-]+:.*")) {
                    error(no, "unknown field \"" + raw.substring(0, raw.indexOf(':')) + ":\"");
                    block = new StringBuilder(); // its continuation lines are part of the same mistake
                } else {
                    error(no, "unexpected text; prose continues a \"prompt:\" or \"explain:\" field");
                }
            }
            finish();
            if (title == null || title.isBlank()) {
                error(1, "the bank needs a \"title:\" line before its first question");
            }
            if (questions.isEmpty() && problems.isEmpty()) {
                error(lines.length, "the bank has no questions");
            }
            if (!problems.isEmpty()) {
                throw new BankException(problems.stream()
                        .sorted(java.util.Comparator.comparingInt(Problem::line)) // stable: same line keeps its order
                        .map(p -> shownAs + ":" + p.line() + ": " + p.message())
                        .toList());
            }
            return new Bank(name, title, file, checksum(text), shuffle == null || shuffle, List.copyOf(questions),
                    graded != null && graded, sealed != null && sealed);
        }

        private Draft startQuestion(String id, String kindWord, int no) {
            if (!ID.matcher(id).matches()) {
                error(no, "question id \"" + id + "\" must be lower-case letters, digits and dashes");
            } else if (!ids.add(id)) {
                error(no, "question id \"" + id + "\" is used twice in this bank");
            }
            Kind kind = Kind.fromWord(kindWord).orElse(null);
            if (kind == null) {
                error(no, "unknown question kind \"" + kindWord
                        + "\"; use single, multi, truefalse, short, order or output");
            }
            return new Draft(id, kind, no);
        }

        /** Handles one {@code name: value} line; returns the builder to continue if it is a prose field. */
        private StringBuilder field(String name, String value, int no) {
            if (draft == null) {
                switch (name) {
                    case "title" -> {
                        if (title != null) {
                            error(no, "\"title:\" is given twice (first on line " + titleLine + ")");
                        }
                        title = value;
                        titleLine = no;
                    }
                    case "shuffle-questions" -> shuffle = yesNo(name, value, shuffle, no);
                    case "graded" -> graded = yesNo(name, value, graded, no);
                    case "sealed" -> {
                        if (!questions.isEmpty()) {
                            error(no, "\"sealed:\" belongs at the top of the file, before the first question");
                        }
                        sealed = yesNo(name, value, sealed, no);
                    }
                    default -> error(no, "\"" + name + ":\" belongs inside a question (after a \"## id kind\" line)");
                }
                return null;
            }
            return draft.field(name, value, no);
        }

        /** A yes/no header field; an earlier value given twice is an error. */
        private Boolean yesNo(String name, String value, Boolean before, int no) {
            if (before != null) {
                error(no, "\"" + name + ":\" is given twice");
            }
            if (value.equals("yes") || value.equals("no")) {
                return value.equals("yes");
            }
            error(no, "\"" + name + ":\" is yes or no, not \"" + value + "\"");
            return before;
        }

        private boolean sealed() {
            return sealed != null && sealed;
        }

        private int readCode(String[] lines, int start) {
            StringBuilder code = new StringBuilder();
            for (int i = start + 1; i < lines.length; i++) {
                String raw = stripTrailing(lines[i]);
                if (raw.startsWith(FENCE)) {
                    draft.code(code.toString(), start + 1);
                    return i;
                }
                code.append(raw).append('\n');
            }
            error(start + 1, "code block is not closed with ```");
            return lines.length;
        }

        private int skipCode(String[] lines, int start) {
            for (int i = start + 1; i < lines.length; i++) {
                if (lines[i].startsWith(FENCE)) {
                    return i;
                }
            }
            return lines.length;
        }

        private void finish() {
            if (draft != null) {
                Question q = draft.build();
                if (q != null) {
                    questions.add(q);
                }
                draft = null;
            }
        }

        private static String stripTrailing(String s) {
            return s.stripTrailing();
        }

        /** A question being read. */
        private final class Draft {
            final String id;
            final Kind kind;
            final int line;
            final StringBuilder prompt = new StringBuilder();
            final StringBuilder explain = new StringBuilder();
            boolean hasPrompt;
            boolean hasExplain;
            String code;
            final List<String> options = new ArrayList<>();
            final Set<Integer> correct = new LinkedHashSet<>();
            int firstOptionLine;
            final List<String> items = new ArrayList<>();
            int firstItemLine;
            final List<String> accepted = new ArrayList<>();
            Pattern pattern;
            Boolean truth;
            Integer points;
            String concept;
            String lesson;
            String runnable;
            int runnableLine;
            final Set<String> seen = new HashSet<>();

            Draft(String id, Kind kind, int line) {
                this.id = id;
                this.kind = kind;
                this.line = line;
            }

            StringBuilder field(String name, String value, int no) {
                if (!name.equals("accept") && !seen.add(name)) {
                    error(no, "\"" + name + ":\" is given twice in question \"" + id + "\"");
                }
                if (sealed() && KEY_FIELDS.contains(name)) {
                    error(no, "a sealed bank carries no keys or explanations: \"" + name + ":\" is not allowed"
                            + " (sealed banks are written by ./kit export; edit the teacher's full bank instead)");
                    return null;
                }
                switch (name) {
                    case "title", "shuffle-questions", "graded", "sealed" ->
                            error(no, "\"" + name + ":\" belongs at the top of the file, before the first question");
                    case "points" -> {
                        try {
                            points = Integer.parseInt(value);
                            if (points < 1 || points > 100) {
                                error(no, "points must be between 1 and 100, not " + value);
                            }
                        } catch (NumberFormatException e) {
                            error(no, "points must be a whole number, not \"" + value + "\"");
                            points = 0;
                        }
                    }
                    case "concept" -> {
                        if (!ID.matcher(value).matches()) {
                            error(no, "concept must be a slug like \"event-loop\", not \"" + value + "\"");
                        }
                        concept = value;
                    }
                    case "lesson" -> {
                        if (value.isEmpty()) {
                            error(no, "lesson is empty");
                        }
                        lesson = value;
                    }
                    case "prompt" -> {
                        hasPrompt = true;
                        prompt.append(value);
                        return prompt;
                    }
                    case "explain" -> {
                        hasExplain = true;
                        explain.append(value);
                        return explain;
                    }
                    case "answer" -> {
                        if (kind != Kind.TRUE_FALSE) {
                            error(no, "\"answer:\" is for truefalse questions; "
                                    + (kind == Kind.SHORT ? "a short answer uses \"accept:\" or \"pattern:\""
                                    : "mark the right options with - [x]"));
                        } else if (value.equals("true") || value.equals("false")) {
                            truth = Boolean.valueOf(value);
                        } else {
                            error(no, "\"answer:\" of a truefalse question is true or false, not \"" + value + "\"");
                        }
                    }
                    case "accept" -> {
                        if (kind != Kind.SHORT) {
                            error(no, "\"accept:\" is only for short questions");
                        } else if (Scoring.normalise(value).isEmpty()) {
                            error(no, "\"accept:\" needs an answer after it");
                        } else {
                            accepted.add(value);
                        }
                    }
                    case "pattern" -> {
                        if (kind != Kind.SHORT) {
                            error(no, "\"pattern:\" is only for short questions");
                        } else {
                            try {
                                pattern = Pattern.compile(value, Pattern.CASE_INSENSITIVE);
                            } catch (PatternSyntaxException e) {
                                error(no, "pattern does not compile: " + e.getDescription());
                            }
                        }
                    }
                    case "runnable" -> {
                        if (!value.matches("[A-Z][A-Za-z0-9]*")) {
                            error(no, "runnable names a snippet class, like \"ThenApplyOnCompleted\", not \""
                                    + value + "\"");
                        }
                        runnable = value;
                        runnableLine = no;
                    }
                    default -> throw new IllegalStateException(name);
                }
                return null;
            }

            void code(String text, int no) {
                if (code != null) {
                    error(no, "question \"" + id + "\" has a second code block; one per question");
                }
                code = text;
            }

            void option(String text, boolean right, int no) {
                if (kind != null && !kind.hasOptions()) {
                    error(no, kind == Kind.ORDER
                            ? "an ordering question lists its lines as \"1. text\", \"2. text\" in the right order"
                            : "a " + kind.word + " question has no options");
                    return;
                }
                if (text.isEmpty()) {
                    error(no, "option text is empty");
                }
                if (options.isEmpty()) {
                    firstOptionLine = no;
                }
                if (options.size() == 26) {
                    error(no, "more than 26 options");
                    return;
                }
                if (right && sealed()) {
                    error(no, "a sealed bank marks no option right: write \"- [ ] text\"");
                } else if (right) {
                    correct.add(options.size());
                }
                options.add(text);
            }

            void item(int number, String text, int no) {
                if (kind != Kind.ORDER) {
                    error(no, "numbered lines are for order questions; options are written \"- [ ] text\"");
                    return;
                }
                if (items.isEmpty()) {
                    firstItemLine = no;
                }
                if (number != items.size() + 1) {
                    error(no, "expected item " + (items.size() + 1) + ". here, found " + number + ".");
                }
                items.add(text);
            }

            Question build() {
                if (kind == null || id.equals("?")) {
                    return null;
                }
                int before = problems.size();
                String q = "question \"" + id + "\"";
                if (!hasPrompt || prompt.toString().isBlank()) {
                    error(line, q + " has no \"prompt:\"");
                }
                if (!sealed() && (!hasExplain || explain.toString().isBlank())) {
                    error(line, q + " has no \"explain:\" (every question explains its answer)");
                }
                if (points == null) {
                    error(line, q + " has no \"points:\"");
                }
                if (concept == null) {
                    error(line, q + " has no \"concept:\"");
                }
                if (lesson == null) {
                    error(line, q + " has no \"lesson:\"");
                }
                switch (kind) {
                    case SINGLE, OUTPUT -> {
                        if (options.size() < 2) {
                            error(line, q + " needs at least two options");
                        } else if (!sealed() && correct.size() != 1) {
                            error(firstOptionLine, q + " must mark exactly one option - [x], found " + correct.size());
                        }
                    }
                    case MULTI -> {
                        if (options.size() < 2) {
                            error(line, q + " needs at least two options");
                        } else if (!sealed() && correct.isEmpty()) {
                            error(firstOptionLine, q + " must mark at least one option - [x]");
                        }
                    }
                    case TRUE_FALSE -> {
                        if (!sealed() && truth == null && !seen.contains("answer")) {
                            error(line, q + " has no \"answer: true\" or \"answer: false\"");
                        }
                    }
                    case SHORT -> {
                        if (!sealed() && accepted.isEmpty() && pattern == null && !seen.contains("pattern")) {
                            error(line, q + " needs at least one \"accept:\" or a \"pattern:\"");
                        }
                    }
                    case ORDER -> {
                        if (items.size() < 2) {
                            error(line, q + " needs at least two numbered lines to put in order");
                        } else if (new HashSet<>(items).size() != items.size()) {
                            error(firstItemLine, q + " has two identical lines; the order would be ambiguous");
                        }
                    }
                }
                if (kind == Kind.OUTPUT && code == null) {
                    error(line, q + " is an output question and needs a ```java code block");
                }
                if (runnable != null && (code == null || (kind != Kind.OUTPUT && kind != Kind.ORDER))) {
                    error(runnableLine, "\"runnable:\" is for output and order questions with a code block");
                }
                if (problems.size() != before) {
                    return null;
                }
                List<String> shown = kind == Kind.ORDER ? items : options;
                return new Question(id, kind, line, prompt.toString().strip(), code, List.copyOf(shown),
                        Set.copyOf(correct), List.copyOf(accepted), pattern, truth, points, concept, lesson,
                        explain.toString().strip(), runnable);
            }
        }
    }
}
