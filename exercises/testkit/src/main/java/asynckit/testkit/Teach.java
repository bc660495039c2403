package asynckit.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;

/**
 * The one factory of failure messages. Every message has the same layout: the mistake's tag and what
 * it means, what the code was seen doing (a timeline when there is one), expected vs actual where there
 * are values, and last the hint to read. Failures are {@link AssertionFailedError}s carrying the
 * expected and actual values, so IDEs show a diff.
 *
 * <pre>{@code
 * throw ONE_AT_A_TIME.report()
 *         .saw("fetchAll never had more than 1 call in flight.")
 *         .timeline(service.timeline())
 *         .failure();
 * }</pre>
 */
public final class Teach {
    private Teach() {}

    public static Report about(Mistake mistake) {
        return new Report(List.of(mistake));
    }

    /** One message naming several mistakes of the same lesson (e.g. two kinds of blocking call); the first leads. */
    public static Report about(List<Mistake> mistakes) {
        if (mistakes.isEmpty()) {
            throw new IllegalArgumentException("a report names at least one mistake");
        }
        return new Report(List.copyOf(mistakes));
    }

    /** A failure message under construction. */
    public static final class Report {
        private static final Object NONE = new Object();
        private final List<Mistake> mistakes;
        private final List<String> lines = new ArrayList<>();
        private Object expected = NONE;
        private Object actual = NONE;

        private Report(List<Mistake> mistakes) {
            this.mistakes = mistakes;
        }

        /** What the code was seen doing (one or more sentences). */
        public Report saw(String observation) {
            lines.add(indent(observation));
            return this;
        }

        /** The calls the code made, drawn as lanes. */
        public Report timeline(Timeline timeline) {
            if (timeline != null) {
                lines.add("");
                lines.add(timeline.render().stripTrailing());
            }
            return this;
        }

        /** Any extra block of text (a stack excerpt, a list of violations). */
        public Report detail(String block) {
            lines.add("");
            lines.add(indent(block.stripTrailing()));
            return this;
        }

        /** The value right code gives; shown as "expected:" and handed to IDEs for a diff. */
        public Report expected(Object value) {
            this.expected = value;
            return this;
        }

        /** The value the learner's code gave. */
        public Report actual(Object value) {
            this.actual = value;
            return this;
        }

        public String message() {
            StringBuilder out = new StringBuilder("Mistake");
            for (Mistake m : mistakes) {
                out.append(' ').append(m.tag());
            }
            out.append(": ").append(mistakes.get(0).what());
            for (String line : lines) {
                out.append('\n').append(line);
            }
            if (expected != NONE || actual != NONE) {
                out.append("\n\n  expected: ").append(expected == NONE ? "(not given)" : show(expected));
                out.append("\n  actual:   ").append(actual == NONE ? "(not given)" : show(actual));
            }
            List<String> pointers = mistakes.stream().map(Mistake::pointer).distinct().toList();
            out.append("\n\n  -> ").append(String.join("\n  -> ", pointers));
            return out.toString();
        }

        /** The message as an {@link AssertionFailedError}, ready to throw. */
        public AssertionFailedError failure() {
            return failure(null);
        }

        /** Same as {@link #failure()}, keeping the learner's exception as the cause. */
        public AssertionFailedError failure(Throwable cause) {
            if (expected != NONE || actual != NONE) {
                return new AssertionFailedError(message(), expected == NONE ? null : expected,
                        actual == NONE ? null : actual, cause);
            }
            return new AssertionFailedError(message(), cause);
        }

        private static String show(Object value) {
            return value instanceof String s ? "\"" + s + "\"" : Objects.toString(value);
        }

        private static String indent(String text) {
            return text.lines().map(l -> l.isEmpty() ? l : "  " + l).reduce((a, b) -> a + "\n" + b).orElse("");
        }
    }
}
