package asynckit.grader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Results for {@code classroom-resources/autograding-grading-reporter} (version 1). What the reporter does
 * with them (read in its source, {@code src/*.js} of v1):
 * <ul>
 *   <li>the job fails when any runner's {@code status} is {@code fail} or {@code error}: so a runner's status
 *       is {@code fail} only when it must turn the job red (a failed test of an assigned exercise, a quiz the
 *       teacher requires), whatever its tests' statuses;</li>
 *   <li>per test it prints the {@code name} (with a tick or a cross), {@code message} only for the status
 *       {@code error}, and {@code test_code}: so a failed test's reason goes on the lines of its name, which
 *       the log shows in red under the cross;</li>
 *   <li>its console line per runner is passed tests / all tests x {@code max_score}, its {@code Points X/Y}
 *       notice (what GitHub Classroom records) the sum of {@code tests[].score} over runners whose
 *       {@code max_score} is not 0; they agree only when every test of a runner carries the same score.
 *       Kit tests carry different points, so each kit test is its own runner ({@code ex01t1}); a quiz scored
 *       P of M is one runner of M/gcd(P, M) equal entries (one entry when it scored all or nothing);
 *       exercises not assigned and quizzes that do not count have {@code max_score} 0 (shown, not counted).</li>
 * </ul>
 * The teacher chooses what decides the job's status with {@link Policy} (the workflow's {@code KIT_ASSIGNED}
 * and {@code KIT_QUIZZES}).
 */
public final class ClassroomReport {
    private ClassroomReport() {}

    /** Lines of a failure shown under a failed test's name in the reporter's log. */
    static final int REASON_LINES = 8;

    /** How quizzes count for the job's status and the reporter's points. */
    public enum QuizRule {
        /** Quiz points count; the job's status ignores the quizzes (the default). */
        POINTS("points", "quiz points count; quizzes do not change the job's status"),
        /** Quiz points count; the job stays red until every quiz has a saved attempt. */
        ATTEMPTED("attempted", "quiz points count; the job stays red until every quiz is attempted"),
        /** Quiz points count; the job stays red until every quiz has all its points. */
        PERFECT("perfect", "quiz points count; the job stays red until every quiz has all its points"),
        /** Quizzes are shown but neither counted nor required. */
        OFF("off", "quizzes are shown but not counted");

        final String word;
        final String meaning;

        QuizRule(String word, String meaning) {
            this.word = word;
            this.meaning = meaning;
        }
    }

    /**
     * What the teacher assigned: the exercises whose tests decide the job's status and count in the reporter's
     * points (empty: every exercise), how quizzes count, and problems found reading the settings (each shown
     * by the reporter as an error, so a typo turns the job red instead of silently grading something else).
     */
    public record Policy(Set<String> assigned, QuizRule quizzes, List<String> problems) {
        public static final String ASSIGNED_VARIABLE = "KIT_ASSIGNED";
        public static final String QUIZZES_VARIABLE = "KIT_QUIZZES";
        private static final Pattern RANGE = Pattern.compile("(\\d{1,3})-(\\d{1,3})");

        public Policy {
            assigned = Set.copyOf(assigned);
            problems = List.copyOf(problems);
        }

        /** Every exercise assigned, quiz points count and never change the status. */
        public static Policy everything() {
            return new Policy(Set.of(), QuizRule.POINTS, List.of());
        }

        /** Reads {@code KIT_ASSIGNED} and {@code KIT_QUIZZES} from an environment (the workflow sets them). */
        public static Policy fromEnvironment(Map<String, String> env, List<String> exerciseIds) {
            return parse(env.get(ASSIGNED_VARIABLE), env.get(QUIZZES_VARIABLE), exerciseIds);
        }

        /**
         * @param assigned    "all" or empty (every exercise), or exercises by number or id, with ranges:
         *                    {@code 01,02}, {@code 1-4}, {@code 03-gather}; commas or spaces between them
         * @param quizzes     points (default), attempted, perfect or off
         * @param exerciseIds the kit's exercise ids, in order
         */
        public static Policy parse(String assigned, String quizzes, List<String> exerciseIds) {
            List<String> problems = new ArrayList<>();
            Set<String> ids = new LinkedHashSet<>();
            String a = assigned == null ? "" : assigned.strip();
            if (!a.isEmpty() && !a.equalsIgnoreCase("all")) {
                for (String token : a.split("[,;\\s]+")) {
                    addAssigned(token.strip(), exerciseIds, ids, problems);
                }
            }
            QuizRule rule = QuizRule.POINTS;
            String q = quizzes == null ? "" : quizzes.strip().toLowerCase(Locale.ROOT);
            if (!q.isEmpty()) {
                rule = null;
                for (QuizRule r : QuizRule.values()) {
                    if (r.word.equals(q)) {
                        rule = r;
                    }
                }
                if (rule == null) {
                    problems.add(QUIZZES_VARIABLE + "=" + quizzes.strip() + " is not one of points, attempted, perfect,"
                            + " off; quizzes are graded as \"points\" (set it in the workflow's env or the repository's"
                            + " variables)");
                    rule = QuizRule.POINTS;
                }
            }
            return new Policy(ids, rule, problems);
        }

        private static void addAssigned(String token, List<String> exerciseIds, Set<String> ids, List<String> problems) {
            if (token.isEmpty()) {
                return;
            }
            Matcher range = RANGE.matcher(token);
            if (range.matches()) {
                int from = Integer.parseInt(range.group(1));
                int to = Integer.parseInt(range.group(2));
                List<String> inRange = exerciseIds.stream().filter(id -> number(id) >= Math.min(from, to)
                        && number(id) <= Math.max(from, to)).toList();
                if (inRange.isEmpty()) {
                    problems.add(unknown(token, exerciseIds));
                }
                ids.addAll(inRange);
                return;
            }
            for (String id : exerciseIds) {
                if (id.equalsIgnoreCase(token) || token.chars().allMatch(Character::isDigit) && !token.isEmpty()
                        && number(id) == Integer.parseInt(token)) {
                    ids.add(id);
                    return;
                }
            }
            problems.add(unknown(token, exerciseIds));
        }

        private static String unknown(String token, List<String> exerciseIds) {
            String known = exerciseIds.isEmpty() ? "none" : exerciseIds.get(0) + " ... "
                    + exerciseIds.get(exerciseIds.size() - 1);
            return ASSIGNED_VARIABLE + " names \"" + token + "\", which is no exercise of this kit (" + known
                    + "); write numbers (01,02), ranges (01-04) or \"all\"";
        }

        boolean isAssigned(String exerciseId) {
            return assigned.isEmpty() || assigned.contains(exerciseId);
        }

        /** What decides the job's status, in one sentence for the log and the README's promise. */
        public String describe(List<String> exerciseIds) {
            String exercises;
            if (assigned.isEmpty()) {
                exercises = "every exercise";
            } else {
                exercises = "exercise" + (assigned.size() > 1 ? "s " : " ") + String.join(", ", exerciseIds.stream()
                        .filter(assigned::contains).map(id -> String.format("%02d", number(id))).toList());
            }
            return "The job is green when every test of " + exercises + " passes (" + ASSIGNED_VARIABLE + "="
                    + (assigned.isEmpty() ? "all" : String.join(",", exerciseIds.stream().filter(assigned::contains)
                    .map(id -> String.format("%02d", number(id))).toList())) + "); " + quizzes.meaning + " ("
                    + QUIZZES_VARIABLE + "=" + quizzes.word + ").";
        }
    }

    /** One runner: its id (letters and digits only) and its result JSON. */
    public record Runner(String id, String json) {
        public String base64() {
            return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }

        public String envLine() {
            return id.toUpperCase() + "_RESULTS=" + base64();
        }
    }

    /** The runners with every exercise assigned and quiz points counted. */
    public static List<Runner> runners(Report r) {
        return runners(r, Policy.everything());
    }

    public static List<Runner> runners(Report r, Policy policy) {
        List<Runner> runners = new ArrayList<>();
        int problemIndex = 0;
        for (String problem : policy.problems()) {
            problemIndex++;
            Map<String, Object> entry = test("settings: " + problem, "error", 0, problem, 0);
            runners.add(new Runner("settings" + problemIndex, JsonSupport.compact(result("error", 0, List.of(entry)))));
        }
        int exerciseIndex = 0;
        for (Report.Exercise e : r.exercises()) {
            exerciseIndex++;
            int n = e.number() > 0 ? e.number() : exerciseIndex;
            boolean assigned = policy.isAssigned(e.id());
            int testIndex = 0;
            String previousReason = null;
            for (Report.Test t : e.tests()) {
                testIndex++;
                boolean passed = t.status() == Report.Status.PASSED;
                String name = String.format("%02d %s", n, t.name()) + (assigned ? "" : " (not assigned: not counted)");
                String message = "";
                if (!passed) {
                    String reason = reason(t);
                    name += "\n" + (reason.equals(previousReason) ? "     (the same reason as above)" : indent(reason));
                    previousReason = reason;
                    message = TerminalReport.cut(TerminalReport.oneLine(reason), 300);
                }
                Map<String, Object> test = test(name, passed ? "pass" : "fail", passed ? t.points() : 0, message,
                        (long) Math.round(t.seconds() * 1000));
                String status = passed || !assigned ? "pass" : "fail";
                runners.add(new Runner(String.format("ex%02dt%d", n, testIndex),
                        JsonSupport.compact(result(status, assigned ? t.maxPoints() : 0, List.of(test)))));
            }
        }
        int quizIndex = 0;
        for (Report.Quiz q : r.quizzes()) {
            if (q.sealed()) {
                continue; // a learner's copy cannot score a sealed quiz: no runner, no failed points
            }
            quizIndex++;
            runners.add(new Runner("quiz" + quizIndex, JsonSupport.compact(quiz(q, policy.quizzes()))));
        }
        return runners;
    }

    /** Why a test did not pass: the grader's reason, then the first lines of its failure message. */
    private static String reason(Report.Test t) {
        String reason = t.reason() == null ? "failed" : t.reason();
        if (t.message() == null || t.message().isBlank()) {
            return reason;
        }
        List<String> lines = t.message().strip().lines().toList();
        List<String> shown = new ArrayList<>(lines.subList(0, Math.min(REASON_LINES, lines.size())));
        if (lines.size() > REASON_LINES) {
            shown.add("...");
            List<String> pointers = Messages.pointers(t.message());
            pointers.stream().filter(p -> shown.stream().noneMatch(s -> s.strip().equals(p))).forEach(shown::add);
        }
        return reason + ": " + String.join("\n", shown);
    }

    private static String indent(String text) {
        return "     " + text.strip().replace("\n", "\n     ");
    }

    /**
     * One quiz: P of M points as M/gcd(P, M) entries of gcd(P, M) points each, so the reporter's per-runner
     * line (passed entries / entries x M) and its Points notice (the sum of scores) both say P.
     */
    private static Map<String, Object> quiz(Report.Quiz q, QuizRule rule) {
        int max = q.maxPoints();
        int points = Math.max(0, Math.min(q.points(), max));
        boolean counted = rule != QuizRule.OFF && max > 0;
        String why = !q.bankIntact() ? "the quiz bank differs from the kit's: scores 0"
                : !q.attempted() ? "not attempted yet: ./kit quiz " + q.quiz() : String.join("; ", q.flags());
        String label = "quiz " + q.quiz() + (counted ? "" : " (not counted)");
        List<Map<String, Object>> tests = new ArrayList<>();
        int chunk = max == 0 ? 1 : gcd(points, max);
        int entries = max == 0 ? 1 : max / chunk;
        if (entries == 1) {
            boolean pass = max > 0 && points == max;
            tests.add(test(label + ": " + points + "/" + max + " points" + (why.isEmpty() ? "" : "\n     " + why),
                    pass ? "pass" : "fail", counted ? points : 0, why, 0));
        } else {
            for (int k = 0; k < entries; k++) {
                int from = k * chunk + 1;
                int to = (k + 1) * chunk;
                boolean pass = to <= points;
                String span = chunk == 1 ? "point " + from : "points " + from + "-" + to;
                tests.add(test(label + ": " + span + " of " + max, pass ? "pass" : "fail", pass && counted ? chunk : 0,
                        pass ? "" : why, 0));
            }
        }
        boolean red = switch (rule) {
            case POINTS, OFF -> false;
            case ATTEMPTED -> !q.attempted() || !q.bankIntact();
            case PERFECT -> points < max || !q.bankIntact();
        };
        return result(red ? "fail" : "pass", counted ? max : 0, tests);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? Math.max(a, 1) : gcd(b, a % b);
    }

    private static Map<String, Object> result(String status, int maxScore, List<Map<String, Object>> tests) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("version", 1);
        result.put("status", status);
        result.put("max_score", maxScore);
        result.put("tests", tests);
        return result;
    }

    private static Map<String, Object> test(String name, String status, int score, String message, long millis) {
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("name", name);
        test.put("status", status);
        test.put("score", score);
        test.put("message", message);
        test.put("test_code", "");
        test.put("filename", "");
        test.put("line_no", 0);
        test.put("duration", millis);
        return test;
    }

    /**
     * The subtotals the reporter cannot show (its totals are per runner): one line for the job's console
     * and summary, e.g. "Exercises: 100/100 (100 %) · Quizzes: 7/21 (33 %) · Total: 107/121 (88 %)".
     */
    public static String summary(Report r) {
        Report.Totals t = r.totals();
        String line = "Exercises: " + t.exercisePoints() + "/" + t.exerciseMaxPoints() + " (" + t.exercisePercent()
                + " %)";
        if (!r.quizzes().isEmpty()) {
            line += " · Quizzes: " + t.quizPoints() + "/" + t.quizMaxPoints() + " (" + t.quizPercent() + " %) · Total: "
                    + t.points() + "/" + t.maxPoints() + " (" + t.percent() + " %)";
        }
        return line;
    }

    /**
     * The subtotals, then what decides the job's status and what the reporter's {@code Points X/Y} counts
     * under this policy (the same number the reporter computes from the runners).
     */
    public static String summary(Report r, Policy policy) {
        List<String> ids = r.exercises().stream().map(Report.Exercise::id).toList();
        int points = 0;
        int max = 0;
        for (Report.Exercise e : r.exercises()) {
            if (policy.isAssigned(e.id())) {
                points += e.tests().stream().filter(t -> t.status() == Report.Status.PASSED)
                        .mapToInt(Report.Test::points).sum();
                max += e.tests().stream().mapToInt(Report.Test::maxPoints).sum();
            }
        }
        if (policy.quizzes() != QuizRule.OFF) {
            for (Report.Quiz q : r.quizzes()) {
                points += Math.max(0, Math.min(q.points(), q.maxPoints()));
                max += q.maxPoints();
            }
        }
        StringBuilder text = new StringBuilder(summary(r)).append('\n').append(policy.describe(ids)).append('\n')
                .append("Counted by the autograding reporter: ").append(points).append('/').append(max).append(" points");
        if (!policy.assigned().isEmpty() || policy.quizzes() == QuizRule.OFF) {
            text.append(" (what is not assigned or not counted is shown with a max score of 0)");
        }
        policy.problems().forEach(p -> text.append("\nProblem: ").append(p));
        return text.toString();
    }

    /** The runner ids, comma-separated, as the reporter's {@code runners} input wants them. */
    public static String runnerList(List<Runner> runners) {
        return String.join(",", runners.stream().map(Runner::id).toList());
    }

    private static final Pattern LEADING_NUMBER = Pattern.compile("\\d{1,6}");

    /** An exercise id's number ({@code 03-gather}: 3), 0 when it has none. */
    private static int number(String id) {
        Matcher m = LEADING_NUMBER.matcher(id);
        return m.lookingAt() ? Integer.parseInt(m.group()) : 0;
    }
}
