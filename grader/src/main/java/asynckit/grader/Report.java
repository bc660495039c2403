package asynckit.grader;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The scored report: one model that every writer renders. Its JSON form (schema {@value #SCHEMA},
 * version {@value #VERSION}) is documented in grader/README.md.
 *
 * @param schema      always {@value #SCHEMA}
 * @param version     bumped when a field changes meaning or disappears (new fields do not bump it)
 * @param generatedAt ISO-8601 instant
 * @param mode        {@code self} (the repository grades itself) or {@code instructor} (pristine copy)
 * @param source      what was graded: the repository folder, or the learner's name in instructor mode
 * @param seconds     how long grading took
 * @param kit         what the tests and build files were taken from and compared against
 * @param sandbox     how learner code was contained (or that it ran unsandboxed)
 * @param notes       things the grader wants said about this run as a whole (files left out, settings ignored)
 * @param exercises   one entry per exercise of the inventory, in order
 * @param quizzes     one entry per quiz bank (empty before the quizzes exist)
 * @param totals      the sums
 * @param nextSteps   what to do next, most useful first
 */
@JsonPropertyOrder({"schema", "version", "generatedAt", "mode", "source", "seconds", "kit", "sandbox", "totals",
        "notes", "exercises", "quizzes", "nextSteps"})
public record Report(String schema, int version, String generatedAt, String mode, String source, double seconds,
                     String kit, String sandbox, List<String> notes, List<Exercise> exercises, List<Quiz> quizzes,
                     Totals totals, List<String> nextSteps) {

    public static final String SCHEMA = "asynckit-grade-report";
    public static final int VERSION = 1;

    /** How an exercise's test run ended, as far as the grader could tell. */
    public enum Outcome {
        /** The tests ran and reported; each test's own status counts. */
        GRADED,
        /** The learner's code (or the tests against it) did not compile. */
        DID_NOT_COMPILE,
        /** The test JVM ended before it reported (System.exit, crash). */
        JVM_ENDED_EARLY,
        /** The test JVM ran past the fork timeout and was killed. */
        TIMED_OUT,
        /** No report and no known reason (the build stopped before the exercise, or reports are missing). */
        NO_REPORT,
        /** The exercise's tests or build file differ from the pristine kit: scores 0. */
        TESTS_CHANGED,
        /** The learner's code reached for what the tests own (reflection, a class of another package...): scores 0. */
        REFUSED,
        /** The exercise's folder is missing. */
        MISSING
    }

    /** One test's result. */
    public enum Status { PASSED, FAILED, ERRORED, SKIPPED, NOT_RUN }

    /**
     * @param flags what the learner's submission did that a fair one does not (each a sentence); a flagged
     *              exercise is counted in {@code totals.flagged}
     * @param notes what else happened (files left out, out of memory, processes left running...)
     */
    @JsonPropertyOrder({"id", "title", "module", "points", "maxPoints", "passed", "failed", "skipped", "total",
            "outcome", "reason", "testsIntact", "changedFiles", "flags", "notes", "tests"})
    public record Exercise(String id, String title, String module, int points, int maxPoints, int passed, int failed,
                           int skipped, int total, Outcome outcome, String reason, boolean testsIntact,
                           List<String> changedFiles, List<String> flags, List<String> notes, List<Test> tests) {

        public Exercise {
            flags = flags == null ? List.of() : List.copyOf(flags);
            notes = notes == null ? List.of() : List.copyOf(notes);
        }

        /** Tests changed or anything flagged. */
        public boolean flagged() {
            return !testsIntact || !flags.isEmpty();
        }

        /** The same exercise with more flags and notes. */
        public Exercise with(List<String> moreFlags, List<String> moreNotes) {
            List<String> f = new java.util.ArrayList<>(flags);
            f.addAll(moreFlags);
            List<String> n = new java.util.ArrayList<>(notes);
            n.addAll(moreNotes);
            return new Exercise(id, title, module, points, maxPoints, passed, failed, skipped, total, outcome, reason,
                    testsIntact, changedFiles, f, n, tests);
        }

        /** The first thing that went wrong, in one short line (empty when everything passed). */
        public String firstFailure() {
            if (outcome != Outcome.GRADED && reason != null) {
                return reason;
            }
            for (Test t : tests) {
                if (t.status() != Status.PASSED) {
                    return t.name() + ": " + (t.message() == null || t.message().isBlank() ? t.reason() : t.message());
                }
            }
            return "";
        }

        public int number() {
            int n = 0;
            for (char c : id.toCharArray()) {
                if (!Character.isDigit(c)) {
                    break;
                }
                n = n * 10 + (c - '0');
            }
            return n;
        }
    }

    /**
     * @param className fully-qualified test class ({@code Outer$Nested} for nested classes)
     * @param method    test method name
     * @param name      the test's display name (its sentence)
     * @param reason    why it did not pass, in the grader's words (null when it passed)
     * @param message   the failure message from the test report, first lines only (null when none)
     */
    @JsonPropertyOrder({"className", "method", "name", "points", "maxPoints", "status", "reason", "message", "seconds"})
    public record Test(String className, String method, String name, int points, int maxPoints, Status status,
                       String reason, String message, double seconds) {}

    /**
     * @param bankChanged the best attempt was taken against another version of the bank (it still counts)
     * @param bankIntact  the bank matches the kit's pristine checksum; a changed bank scores 0 and is flagged
     * @param sealed      a graded quiz seen from a learner's starter copy (its bank is sealed, without keys): the
     *                    attempts are submitted for the teacher to score; 0 points here, and not in the totals
     */
    @JsonPropertyOrder({"quiz", "title", "points", "maxPoints", "attempted", "bankChanged", "bankIntact", "problems",
            "sealed"})
    public record Quiz(String quiz, String title, int points, int maxPoints, boolean attempted, boolean bankChanged,
                       boolean bankIntact, List<String> problems, boolean sealed) {

        @JsonCreator
        public Quiz {
        }

        public Quiz(String quiz, String title, int points, int maxPoints, boolean attempted, boolean bankChanged,
                    boolean bankIntact, List<String> problems) {
            this(quiz, title, points, maxPoints, attempted, bankChanged, bankIntact, problems, false);
        }

        /** What every report says of a sealed quiz, in place of a score. */
        public String sealedState() {
            return attempted ? "submitted: scored by your teacher" : "not taken yet (graded: scored by your teacher)";
        }
    }

    /**
     * Sums; {@code passed}/{@code failed}/{@code skipped} count exercise tests (a test with no result is failed).
     * The percentages are whole numbers, rounded down (100 only when every point is there).
     */
    @JsonPropertyOrder({"points", "maxPoints", "percent", "exercisePoints", "exerciseMaxPoints", "exercisePercent",
            "quizPoints", "quizMaxPoints", "quizPercent", "passed", "failed", "skipped", "flagged"})
    public record Totals(int points, int maxPoints, int exercisePoints, int exerciseMaxPoints, int quizPoints,
                         int quizMaxPoints, int passed, int failed, int skipped, int flagged) {

        @JsonProperty("percent")
        public int percent() {
            return percent(points, maxPoints);
        }

        @JsonProperty("exercisePercent")
        public int exercisePercent() {
            return percent(exercisePoints, exerciseMaxPoints);
        }

        @JsonProperty("quizPercent")
        public int quizPercent() {
            return percent(quizPoints, quizMaxPoints);
        }

        static int percent(int points, int max) {
            return max <= 0 ? 0 : (int) Math.floor(100.0 * points / max);
        }

        /** "exercises 100/100 (100 %), quizzes 7/21 (33 %), total 107/121 (88 %)": the three numbers at a glance. */
        public String line(boolean withQuizzes) {
            String ex = "exercises " + exercisePoints + "/" + exerciseMaxPoints + " (" + exercisePercent() + " %)";
            if (!withQuizzes) {
                return ex;
            }
            return ex + ", quizzes " + quizPoints + "/" + quizMaxPoints + " (" + quizPercent() + " %), total " + points
                    + "/" + maxPoints + " (" + percent() + " %)";
        }

        static Totals of(List<Exercise> exercises, List<Quiz> quizzes) {
            int ep = 0, em = 0, qp = 0, qm = 0, passed = 0, failed = 0, skipped = 0, flagged = 0;
            for (Exercise e : exercises) {
                ep += e.points();
                em += e.maxPoints();
                passed += e.passed();
                failed += e.failed();
                skipped += e.skipped();
                if (e.flagged()) {
                    flagged++;
                }
            }
            for (Quiz q : quizzes) {
                if (q.sealed()) {
                    continue; // scored by the teacher, from the full bank: nothing to count here
                }
                qp += q.points();
                qm += q.maxPoints();
                if (!q.bankIntact()) {
                    flagged++;
                }
            }
            return new Totals(ep + qp, em + qm, ep, em, qp, qm, passed, failed, skipped, flagged);
        }
    }

    /** The plain closing line CI systems read: {@code N passed, N failed} (and {@code , N skipped}). */
    public String summaryLine() {
        String line = totals.passed() + " passed, " + totals.failed() + " failed";
        return totals.skipped() > 0 ? line + ", " + totals.skipped() + " skipped" : line;
    }
}
