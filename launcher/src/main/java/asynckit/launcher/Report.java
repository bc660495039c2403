package asynckit.launcher;

import asynckit.course.Manifest;
import asynckit.engine.CompileProblem;
import asynckit.engine.RunResult;
import asynckit.engine.TestOutcome;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code ./kit test} and {@code ./kit watch} print for one run: the failing tests, each teaching
 * message once (tests that fail with the same message share it), the passing tests in one line each,
 * and one closing line.
 */
public final class Report {
    private static final Pattern TAG = Pattern.compile("\\[([a-z0-9]+(?:-[a-z0-9]+)*)]");
    private static final Pattern UNWRITTEN = Pattern.compile("Not written yet: ([\\w.]+?)\\.(\\s|$)");
    static final int MAX_OUTPUT_LINES = 20;

    private final Manifest m;
    private final RunResult r;
    private final Style style;

    public Report(Manifest m, RunResult r, Style style) {
        this.m = m;
        this.r = r;
        this.style = style;
    }

    /** Points a test is worth: its {@code @Points}, or the manifest's for the testkit's contributed check. */
    static int pointsOf(Manifest m, TestOutcome t) {
        if (t.points() < 0 && m.blockingCalls() != null && Manifest.BLOCKING_CHECK_METHOD.equals(t.method())) {
            return m.blockingCalls().points();
        }
        return Math.max(0, t.points());
    }

    public int points() {
        return r.tests().stream().filter(TestOutcome::passed).mapToInt(t -> pointsOf(m, t)).sum();
    }

    public int passed() {
        return (int) r.passedCount();
    }

    public int total() {
        return r.tests().size();
    }

    /** The first failing test's mistake id (one the manifest declares), if it names one. */
    public Optional<String> firstMistake() {
        for (TestOutcome t : r.tests()) {
            if (t.failed()) {
                Matcher tag = TAG.matcher(t.summary());
                while (tag.find()) {
                    if (m.mistake(tag.group(1)).isPresent()) {
                        return Optional.of(tag.group(1));
                    }
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private Optional<TestOutcome> firstFailure() {
        return r.tests().stream().filter(TestOutcome::failed).findFirst();
    }

    /** The body: compile errors, or failures (messages once) then passes, then what the code printed. */
    public void printBody(PrintWriter out, Kit kit) {
        if (!r.compiled()) {
            boolean tests = r.compileProblems().get(0).inTests();
            out.println(style.red(tests
                    ? "The tests do not compile against your code: keep the classes and public methods the stub declares."
                    : "Your code does not compile:"));
            for (CompileProblem p : r.compileProblems()) {
                List<String> lines = p.describe(kit.root()).lines().toList();
                out.println("  " + lines.get(0));
                lines.stream().skip(1).forEach(l -> out.println("      " + l.strip()));
            }
            out.println();
            return;
        }
        Map<String, List<TestOutcome>> byMessage = new LinkedHashMap<>();
        for (TestOutcome t : r.tests()) {
            if (!t.passed()) {
                byMessage.computeIfAbsent(t.summary().strip(), k -> new ArrayList<>()).add(t);
            }
        }
        for (Map.Entry<String, List<TestOutcome>> e : byMessage.entrySet()) {
            for (TestOutcome t : e.getValue()) {
                String mark = t.failed() ? style.red("✗") : style.yellow("-");
                out.println(mark + " " + style.bold(t.displayName()) + style.dim(pointsNote(t)));
            }
            String msg = e.getKey();
            if (!msg.isEmpty()) {
                msg.lines().forEach(l -> out.println("    " + l));
            }
            out.println();
        }
        for (TestOutcome t : r.tests()) {
            if (t.passed()) {
                out.println(style.green("✓") + " " + t.displayName() + style.dim(pointsNote(t)));
            }
        }
        if (r.tests().stream().anyMatch(TestOutcome::passed)) {
            out.println();
        }
        String printed = r.output().strip();
        if (!printed.isEmpty()) {
            List<String> lines = printed.lines().toList();
            out.println(style.dim("Printed while the tests ran (" + lines.size() + (lines.size() == 1 ? " line" : " lines")
                    + (lines.size() > MAX_OUTPUT_LINES ? ", first " + MAX_OUTPUT_LINES : "") + "):"));
            lines.stream().limit(MAX_OUTPUT_LINES).forEach(l -> out.println("  " + l));
            out.println();
        }
    }

    private String pointsNote(TestOutcome t) {
        int p = pointsOf(m, t);
        return p == 0 ? "" : "  (" + p + (p == 1 ? " point)" : " points)");
    }

    /** The one closing line; {@code inWatch} points at the h key instead of ./kit hint. */
    public String closingLine(Optional<Manifest> next, boolean inWatch) {
        String code = m.code();
        if (!r.compiled()) {
            CompileProblem p = r.compileProblems().get(0);
            return style.red(p.inTests() ? "the tests do not compile against your code" : "does not compile")
                    + " · " + r.compileProblems().size()
                    + (r.compileProblems().size() == 1 ? " error" : " errors") + " · first: "
                    + (p.file() == null ? "" : p.file().getFileName() + (p.line() > 0 ? ":" + p.line() : ""));
        }
        String counts = passed() + "/" + total() + " passed · " + points() + "/" + m.points() + " points";
        if (r.allPassed()) {
            return style.green(counts) + " · " + (next.isPresent()
                    ? "next: " + next.get().code() + " " + next.get().title().toLowerCase(java.util.Locale.ROOT)
                    : "every exercise is done");
        }
        if (r.tests().isEmpty()) {
            return style.red("no tests ran") + " · is " + m.module() + "/src/test/java intact?";
        }
        Matcher unwritten = UNWRITTEN.matcher(firstFailure().map(TestOutcome::summary).orElse(""));
        if (firstMistake().isEmpty() && unwritten.find()) {
            return style.red(counts) + " · first to fix: " + unwritten.group(1) + " is not written yet -> read "
                    + m.lesson();
        }
        String first = firstMistake().map(id -> "[" + id + "]")
                .orElseGet(() -> "\"" + firstFailure().map(TestOutcome::displayName).orElse("?") + "\"");
        return style.red(counts) + " · first to fix: " + first + (inWatch ? " -> press h for a hint" : " -> ./kit hint " + code)
                + (r.timedOut() ? " · stopped after the time limit" : "");
    }

    /** Records this run as the exercise's last run. */
    public State.LastRun toLastRun(String digest) {
        return new State.LastRun(passed(), total(), points(), m.points(), firstMistake().orElse(null), digest,
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    }
}
