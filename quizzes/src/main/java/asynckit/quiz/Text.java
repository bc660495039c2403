package asynckit.quiz;

import java.util.ArrayList;
import java.util.List;

/** Wrapping and describing answers, shared by the plain and interactive runners. */
final class Text {
    private Text() {
    }

    /** Wraps prose (paragraphs separated by newlines) to {@code width} columns with an indent. */
    static List<String> wrap(String text, int width, String indent) {
        List<String> out = new ArrayList<>();
        int max = Math.max(20, width - indent.length());
        for (String para : text.split("\n+")) {
            StringBuilder line = new StringBuilder();
            for (String word : para.strip().split("\\s+")) {
                if (line.length() > 0 && line.length() + 1 + word.length() > max) {
                    out.add(indent + line);
                    line.setLength(0);
                }
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(word);
            }
            out.add(indent + line);
        }
        return out;
    }

    /** The canonical answer described with the numbers the taker saw: "2) text", "1, 3", "3 1 2". */
    static String describe(QuizPlan.Shown s, String canonical) {
        Question q = s.question();
        if (canonical == null) {
            return "(no answer)";
        }
        return switch (q.kind()) {
            case SINGLE, OUTPUT -> Scoring.labels(canonical, q.options().size())
                    .filter(l -> l.size() == 1)
                    .map(l -> s.numberOf(l.get(0)) + ") " + q.options().get(l.get(0)))
                    .orElse(canonical);
            case MULTI -> Scoring.labels(canonical, q.options().size())
                    .map(l -> l.isEmpty() ? "nothing ticked" : String.join(", ",
                            l.stream().map(i -> s.numberOf(i) + ") " + q.options().get(i)).toList()))
                    .orElse(canonical);
            case TRUE_FALSE -> canonical;
            case SHORT -> "\"" + canonical + "\"";
            case ORDER -> Scoring.labels(canonical, q.options().size())
                    .map(l -> String.join(" ", l.stream().map(i -> String.valueOf(s.numberOf(i))).toList()))
                    .orElse(canonical);
        };
    }

    /** The right answer, for feedback. */
    static List<String> rightAnswer(QuizPlan.Shown s) {
        Question q = s.question();
        List<String> out = new ArrayList<>();
        switch (q.kind()) {
            case SINGLE, OUTPUT, MULTI -> q.correct().stream().sorted(java.util.Comparator.comparingInt(s::numberOf))
                    .forEach(i -> out.add(s.numberOf(i) + ") " + q.options().get(i)));
            case TRUE_FALSE -> out.add(q.truth().toString());
            case SHORT -> out.add(q.accepted().isEmpty()
                    ? "anything matching " + q.pattern().pattern()
                    : String.join(" / ", q.accepted().stream().map(a -> "\"" + a + "\"").toList()));
            case ORDER -> {
                for (int i = 0; i < q.options().size(); i++) {
                    out.add(s.numberOf(i) + ") " + q.options().get(i));
                }
            }
        }
        return out;
    }

    /** "  - Question 3: first words of the prompt... (lesson exercise 05)", fitted to {@code width}. */
    static String reviewLine(int number, Question q, int width) {
        String head = "  - Question " + number + ": ";
        String tail = " (lesson " + q.lesson() + ")";
        return head + firstWords(q.prompt(), Math.max(20, width - 1 - head.length() - tail.length())) + tail;
    }

    static String firstWords(String prompt, int max) {
        String one = prompt.replaceAll("\\s+", " ").strip();
        return one.length() <= max ? one : one.substring(0, max - 3).stripTrailing() + "...";
    }

    static String hint(Kind kind) {
        return switch (kind) {
            case SINGLE, OUTPUT -> "one number";
            case MULTI -> "every right number, e.g. 1,3";
            case TRUE_FALSE -> "1 = true, 2 = false";
            case SHORT -> "type the answer";
            case ORDER -> "the numbers in order, e.g. 3 1 2";
        };
    }
}
