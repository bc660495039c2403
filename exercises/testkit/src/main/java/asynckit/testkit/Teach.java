package asynckit.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds failure messages that teach: the mistake's name, what the code did (with a timeline when
 * there is one), and which hint to read.
 *
 * <pre>{@code
 * throw SEQUENTIAL.report()
 *         .saw("fetchAll never had more than 1 call in flight.")
 *         .timeline(service.timeline())
 *         .failure();
 * }</pre>
 */
public final class Teach {
    private Teach() {}

    public static Report about(Mistake mistake) {
        return new Report(mistake);
    }

    /** A failure message under construction. */
    public static final class Report {
        private final Mistake mistake;
        private final List<String> lines = new ArrayList<>();

        private Report(Mistake mistake) {
            this.mistake = mistake;
        }

        /** What the code was seen doing (one or more sentences). */
        public Report saw(String observation) {
            lines.add(indent(observation));
            return this;
        }

        /** The calls the code made, drawn as lanes. */
        public Report timeline(Timeline timeline) {
            lines.add("");
            lines.add(timeline.render().stripTrailing());
            return this;
        }

        /** Any extra block of text (a stack excerpt, a list of violations). */
        public Report detail(String block) {
            lines.add("");
            lines.add(indent(block.stripTrailing()));
            return this;
        }

        public String message() {
            StringBuilder out = new StringBuilder();
            out.append("Mistake ").append(mistake.tag()).append(": ").append(mistake.what());
            for (String line : lines) {
                out.append('\n').append(line);
            }
            out.append("\n\n  -> ").append(mistake.pointer());
            return out.toString();
        }

        /** The message as an {@link AssertionError}, ready to throw. */
        public AssertionError failure() {
            return new AssertionError(message());
        }

        /** Same as {@link #failure()}, keeping the learner's exception as the cause. */
        public AssertionError failure(Throwable cause) {
            return new AssertionError(message(), cause);
        }

        private static String indent(String text) {
            return text.lines().map(l -> l.isEmpty() ? l : "  " + l).reduce((a, b) -> a + "\n" + b).orElse("");
        }
    }
}
