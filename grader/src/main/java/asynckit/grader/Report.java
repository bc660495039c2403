package asynckit.grader;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        "notes", "mistakes", "exercises", "quizzes", "nextSteps"})
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
            "outcome", "reason", "testsIntact", "changedFiles", "flags", "notes", "mistakes", "tests"})
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

        /**
         * The same exercise, flagged for the kit's files the learner's repository changed (instructor and batch
         * modes: they were not used, the exercise was graded with the kit's own).
         */
        public Exercise withEdits(List<String> edited, String kit) {
            if (edited.isEmpty()) {
                return this;
            }
            List<String> f = new java.util.ArrayList<>(flags);
            f.add("tests edited: " + edited.size() + (edited.size() == 1 ? " file differs" : " files differ")
                    + " from " + kit + " (" + String.join(", ", edited.subList(0, Math.min(3, edited.size())))
                    + (edited.size() > 3 ? ", ..." : "") + "); not used: graded with the kit's own tests");
            return new Exercise(id, title, module, points, maxPoints, passed, failed, skipped, total, outcome, reason,
                    testsIntact, edited, f, notes, tests);
        }

        /** The kit's files the learner's repository changed but that were not used (instructor and batch modes). */
        public boolean testsEdited() {
            return testsIntact && changedFiles != null && !changedFiles.isEmpty();
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

        /**
         * The mistakes this exercise's failures named ({@code Mistake [one-at-a-time]: ...} in a failure
         * message), with how many failed tests named each, most frequent first.
         */
        @JsonProperty("mistakes")
        public Map<String, Integer> mistakes() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (Test t : tests) {
                if (t.status() != Status.PASSED) {
                    mistakeIds(t.message()).forEach(id -> counts.merge(id, 1, Integer::sum));
                }
            }
            return sortedByCount(counts);
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
     * @param attempts    how many attempts the learner saved
     * @param modes       how each saved attempt was made, oldest first: {@code interactive}, {@code plain},
     *                    {@code answers-file} ({@code ./kit quiz NAME --answers FILE}: answered without being asked)
     * @param countedMode how the attempt that counts was made (null when none)
     * @param flags       what a teacher should look at (attempts made from an answers file), each a sentence
     * @param questions   the counted attempt, question by question (empty when not attempted or unreadable)
     * @param sealed      a graded quiz seen from a learner's starter copy (its bank is sealed, without keys): the
     *                    attempts are submitted for the teacher to score; 0 points here, and not in the totals
     */
    @JsonPropertyOrder({"quiz", "title", "points", "maxPoints", "attempted", "bankChanged", "bankIntact", "problems",
            "attempts", "modes", "countedMode", "flags", "questions", "concepts", "sealed"})
    public record Quiz(String quiz, String title, int points, int maxPoints, boolean attempted, boolean bankChanged,
                       boolean bankIntact, List<String> problems, int attempts, List<String> modes, String countedMode,
                       List<String> flags, List<QuizQuestion> questions, boolean sealed) {

        /** The mode an attempt made with {@code --answers FILE} records. */
        public static final String ANSWERS_FILE = "answers-file";

        @JsonCreator
        public Quiz {
            problems = problems == null ? List.of() : List.copyOf(problems);
            modes = modes == null ? List.of() : List.copyOf(modes);
            flags = flags == null ? List.of() : List.copyOf(flags);
            questions = questions == null ? List.of() : List.copyOf(questions);
        }

        /** A quiz row without a breakdown (attempts, modes and questions unknown). */
        public Quiz(String quiz, String title, int points, int maxPoints, boolean attempted, boolean bankChanged,
                    boolean bankIntact, List<String> problems) {
            this(quiz, title, points, maxPoints, attempted, bankChanged, bankIntact, problems, attempted ? 1 : 0,
                    List.of(), null, List.of(), List.of(), false);
        }

        /** What every report says of a sealed quiz, in place of a score. */
        public String sealedState() {
            return attempted ? "submitted: scored by your teacher" : "not taken yet (graded: scored by your teacher)";
        }

        /** What to say beside the score: the flags first (an answers file), then the problems. */
        public List<String> notices() {
            List<String> all = new java.util.ArrayList<>();
            flags.forEach(f -> all.add("flagged: " + f));
            all.addAll(problems);
            return all;
        }

        /** How many saved attempts were made from an answers file. */
        public int answersFileAttempts() {
            return (int) modes.stream().filter(ANSWERS_FILE::equals).count();
        }

        /** The same quiz scoring 0 because its bank differs from the kit's, with the problem said first. */
        public Quiz bankDiffers(String problem) {
            List<String> all = new java.util.ArrayList<>(problems);
            all.add(0, problem);
            return new Quiz(quiz, title, 0, maxPoints, attempted, bankChanged, false, all, attempts, modes, countedMode,
                    flags, questions, sealed);
        }

        /** Points per concept of the counted attempt, in the bank's order of first appearance. */
        @JsonProperty("concepts")
        public List<QuizConcept> concepts() {
            Map<String, int[]> sums = new LinkedHashMap<>();
            for (QuizQuestion q : questions) {
                int[] s = sums.computeIfAbsent(q.concept() == null ? "(none)" : q.concept(), k -> new int[4]);
                s[0] += q.points();
                s[1] += q.maxPoints();
                s[2] += "right".equals(q.result()) ? 1 : 0;
                s[3]++;
            }
            List<QuizConcept> out = new java.util.ArrayList<>();
            sums.forEach((c, s) -> out.add(new QuizConcept(c, s[0], s[1], s[2], s[3])));
            return out;
        }

        /** One line on how the quiz was taken: "3 attempts (interactive, answers-file x2); counted: #2 answers-file". */
        public String attemptsLine() {
            if (attempts == 0) {
                return "not attempted";
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            modes.forEach(m -> counts.merge(m, 1, Integer::sum));
            List<String> parts = new java.util.ArrayList<>();
            counts.forEach((m, n) -> parts.add(n == 1 ? m : m + " x" + n));
            return attempts + (attempts == 1 ? " attempt" : " attempts") + (parts.isEmpty() ? ""
                    : " (" + String.join(", ", parts) + ")") + (countedMode == null ? "" : "; counted: " + countedMode);
        }
    }

    /**
     * @param result {@code right}, {@code wrong} or {@code unanswered}
     */
    @JsonPropertyOrder({"id", "concept", "points", "maxPoints", "result"})
    public record QuizQuestion(String id, String concept, int points, int maxPoints, String result) {}

    /** A concept's share of a quiz: points, and right answers out of its questions. */
    @JsonPropertyOrder({"concept", "points", "maxPoints", "right", "questions"})
    public record QuizConcept(String concept, int points, int maxPoints, int right, int questions) {}

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
                if (!q.bankIntact() || !q.flags().isEmpty()) {
                    flagged++;
                }
            }
            return new Totals(ep + qp, em + qm, ep, em, qp, qm, passed, failed, skipped, flagged);
        }
    }

    private static final Pattern MISTAKE = Pattern.compile("Mistake((?: \\[[a-z0-9]+(?:-[a-z0-9]+)*\\])+):");
    private static final Pattern TAG = Pattern.compile("\\[([a-z0-9]+(?:-[a-z0-9]+)*)\\]");

    /** The mistake ids a failure message names, in order, each once ({@code Mistake [a] [b]: ...}). */
    static List<String> mistakeIds(String message) {
        if (message == null) {
            return List.of();
        }
        List<String> ids = new java.util.ArrayList<>();
        Matcher m = MISTAKE.matcher(message);
        while (m.find()) {
            Matcher tag = TAG.matcher(m.group(1));
            while (tag.find()) {
                if (!ids.contains(tag.group(1))) {
                    ids.add(tag.group(1));
                }
            }
        }
        return ids;
    }

    /** Most frequent first; ties keep their order. */
    static <K> Map<K, Integer> sortedByCount(Map<K, Integer> counts) {
        Map<K, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted((a, b) -> Integer.compare(b.getValue(), a.getValue()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /**
     * Every mistake the learner's failures named, as {@code "01-waiting-problem [one-at-a-time]"} with how many
     * failed tests named it, most frequent first.
     */
    @JsonProperty("mistakes")
    public Map<String, Integer> mistakes() {
        Map<String, Integer> all = new LinkedHashMap<>();
        for (Exercise e : exercises) {
            e.mistakes().forEach((id, n) -> all.merge(e.id() + " [" + id + "]", n, Integer::sum));
        }
        return sortedByCount(all);
    }

    /** The plain closing line CI systems read: {@code N passed, N failed} (and {@code , N skipped}). */
    public String summaryLine() {
        String line = totals.passed() + " passed, " + totals.failed() + " failed";
        return totals.skipped() > 0 ? line + ", " + totals.skipped() + " skipped" : line;
    }
}
