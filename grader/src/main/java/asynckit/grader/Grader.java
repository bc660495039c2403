package asynckit.grader;

import asynckit.grader.Report.Exercise;
import asynckit.grader.Report.Outcome;
import asynckit.grader.Report.Status;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Grades one repository: checks every exercise's tests against the pristine checksums, runs the
 * intact exercises' tests in one child build, matches each expected test to its report entry and
 * scores it. A test with no result fails, with the reason in the report.
 */
public final class Grader {
    private final Inventory inventory;
    private final ChildBuild.Settings settings;
    private final QuizSource quizzes;
    private final Consumer<String> progress;

    public Grader(Inventory inventory, ChildBuild.Settings settings, QuizSource quizzes, Consumer<String> progress) {
        this.inventory = inventory;
        this.settings = settings;
        this.quizzes = quizzes;
        this.progress = progress == null ? s -> { } : progress;
    }

    /**
     * @param root    the repository to grade (the learner's clone, or a pristine copy in instructor mode)
     * @param mode    {@code self} or {@code instructor}
     * @param source  how the report names what was graded
     * @param workDir where the build log goes
     */
    public Report grade(Path root, String mode, String source, Path workDir) throws IOException {
        long start = System.nanoTime();
        root = root.toAbsolutePath().normalize();
        List<String> sharedChanged = Inventory.changed(inventory.shared(), Checksums.shared(root));

        Map<Inventory.ExerciseSpec, List<String>> changed = new LinkedHashMap<>();
        List<Inventory.ExerciseSpec> runnable = new ArrayList<>();
        for (Inventory.ExerciseSpec spec : inventory.exercises()) {
            Path dir = root.resolve(spec.module());
            if (!Files.isRegularFile(dir.resolve("pom.xml"))) {
                continue;
            }
            List<String> files = new ArrayList<>(sharedChanged);
            Inventory.changed(spec.files(), Checksums.exercise(dir)).forEach(f -> files.add(spec.module() + "/" + f));
            changed.put(spec, files);
            if (files.isEmpty()) {
                runnable.add(spec);
            }
        }

        ChildBuild.Outcome build = null;
        FileTime notBefore = FileTime.from(Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1));
        if (!runnable.isEmpty()) {
            Map<String, String> titles = new LinkedHashMap<>();
            List<String> modules = new ArrayList<>();
            for (Inventory.ExerciseSpec spec : runnable) {
                deleteTree(root.resolve(spec.module()).resolve("target/surefire-reports"));
                titles.put(spec.artifactId(), spec.title());
                modules.add(spec.module());
            }
            build = ChildBuild.run(root, modules, settings, workDir.resolve("build.log"), titles,
                    t -> progress.accept("running the tests of " + t));
        }

        List<Exercise> exercises = new ArrayList<>();
        for (Inventory.ExerciseSpec spec : inventory.exercises()) {
            Path dir = root.resolve(spec.module());
            if (!changed.containsKey(spec)) {
                exercises.add(unscored(spec, Outcome.MISSING, "the folder " + spec.module() + " is missing",
                        true, List.of()));
            } else if (!changed.get(spec).isEmpty()) {
                List<String> files = changed.get(spec);
                exercises.add(unscored(spec, Outcome.TESTS_CHANGED, "scores 0: tests or build files differ from the"
                        + " kit (" + String.join(", ", files.subList(0, Math.min(3, files.size())))
                        + (files.size() > 3 ? ", ..." : "") + "); restore them, e.g. git checkout -- "
                        + spec.module() + "/src/test " + spec.module() + "/pom.xml", false, files));
            } else {
                exercises.add(fromBuild(spec, dir, build, notBefore));
            }
        }
        List<Report.Quiz> quizRows = quizzes == null ? List.of() : checkBanks(root, quizzes.grade(root));
        Report.Totals totals = Report.Totals.of(exercises, quizRows);
        double seconds = Math.round((System.nanoTime() - start) / 1e7) / 100.0;
        return new Report(Report.SCHEMA, Report.VERSION, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                mode, source, seconds, exercises, quizRows, totals, NextSteps.of(exercises, quizRows));
    }

    /** A quiz whose bank differs from the kit's scores 0 and is flagged (answers could be made to fit it). */
    private List<Report.Quiz> checkBanks(Path root, List<Report.Quiz> rows) throws IOException {
        Map<String, String> actual = Checksums.quizBanks(root);
        List<Report.Quiz> checked = new ArrayList<>();
        for (Report.Quiz q : rows) {
            String file = "quizzes/banks/" + q.quiz() + ".quiz";
            String want = inventory.quizBanks().get(file);
            boolean intact = want != null && want.equals(actual.get(file));
            if (intact) {
                checked.add(q);
            } else {
                List<String> problems = new ArrayList<>(q.problems());
                problems.add(0, want == null ? file + " is not one of the kit's quizzes: scores 0"
                        : file + " differs from the kit's bank: scores 0 (restore it: git checkout -- " + file + ")");
                checked.add(new Report.Quiz(q.quiz(), q.title(), 0, q.maxPoints(), q.attempted(), q.bankChanged(),
                        false, problems));
            }
        }
        return checked;
    }

    private Exercise fromBuild(Inventory.ExerciseSpec spec, Path dir, ChildBuild.Outcome build, FileTime notBefore) {
        BuildLog.Module log = build.log().module(spec.artifactId());
        String logName = "the build log (" + build.logFile().getFileName() + " in the report folder)";
        if (!log.compileErrors().isEmpty()) {
            return unscored(spec, Outcome.DID_NOT_COMPILE, "did not compile: " + log.compileErrors().get(0)
                    + more(log.compileErrors()), true, List.of());
        }
        if (!log.testCompileErrors().isEmpty()) {
            return unscored(spec, Outcome.DID_NOT_COMPILE, "the tests did not compile against your code (did a"
                    + " public name or signature change?): " + log.testCompileErrors().get(0)
                    + more(log.testCompileErrors()), true, List.of());
        }
        if (log.timedOut()) {
            return unscored(spec, Outcome.TIMED_OUT, "timed out: the test JVM was killed after "
                    + settings.forkTimeoutSeconds() + " s (code that never ends: a loop that ignores interrupts,"
                    + " a deadlock?)", true, List.of());
        }
        if (log.crashed()) {
            return unscored(spec, Outcome.JVM_ENDED_EARLY, "the test JVM ended early (System.exit or a crash):"
                    + " no test of this exercise has a trustworthy result", true, List.of());
        }
        if (build.killed() && !log.surefireRan()) {
            return unscored(spec, Outcome.TIMED_OUT, "timed out: the whole test run passed its time limit and was"
                    + " stopped before this exercise's tests ran", true, List.of());
        }
        if (!log.surefireRan()) {
            String why = log.failedGoal() != null ? log.failedGoal()
                    : build.log().anyModuleReached() ? "the build stopped before this exercise's tests ran"
                    : "the test build did not start";
            return unscored(spec, Outcome.NO_REPORT, "no report: " + SurefireReports.oneLine(why) + " (see "
                    + logName + ")", true, List.of());
        }
        SurefireReports.Result reports = SurefireReports.readDir(dir.resolve("target/surefire-reports"), notBefore);
        if (reports.files() == 0) {
            String why = reports.problems().isEmpty() ? "Surefire ran but wrote no report"
                    : String.join("; ", reports.problems());
            return unscored(spec, Outcome.NO_REPORT, "no report: " + why, true, List.of());
        }
        return matched(spec, reports);
    }

    private static String more(List<String> errors) {
        return errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
    }

    /** Matches every expected test to its report entry; the worst entry wins when there are several. */
    static Exercise matched(Inventory.ExerciseSpec spec, SurefireReports.Result reports) {
        List<Report.Test> tests = new ArrayList<>();
        int points = 0, passed = 0, failed = 0, skipped = 0;
        for (Inventory.TestSpec t : spec.tests()) {
            SurefireReports.Case worst = null;
            for (SurefireReports.Case c : reports.cases()) {
                if (sameClass(t, c.className()) && sameTest(t, c.name())) {
                    if (worst == null || rank(c.status()) > rank(worst.status())) {
                        worst = c;
                    }
                }
            }
            Report.Test result;
            if (worst == null) {
                String classLevel = classLevelFailure(t, reports.cases());
                result = new Report.Test(t.className(), t.method(), t.name(), 0, t.points(), Status.NOT_RUN,
                        classLevel != null ? "the test class failed before this test ran: " + classLevel
                                : "no result in the report (the test is missing or was renamed)",
                        null, 0);
            } else {
                boolean ok = worst.status() == Status.PASSED;
                String reason = switch (worst.status()) {
                    case PASSED -> null;
                    case FAILED -> "failed";
                    case ERRORED -> "failed with " + simpleType(worst.type());
                    case SKIPPED -> "skipped" + (worst.message() == null ? "" : ": " + worst.message());
                    case NOT_RUN -> "not run";
                };
                result = new Report.Test(t.className(), t.method(), t.name(), ok ? t.points() : 0, t.points(),
                        worst.status(), reason, shortMessage(worst.message()), worst.seconds());
            }
            tests.add(result);
            switch (result.status()) {
                case PASSED -> { passed++; points += result.points(); }
                case SKIPPED -> skipped++;
                default -> failed++;
            }
        }
        String reason = reports.problems().isEmpty() ? null : String.join("; ", reports.problems());
        return new Exercise(spec.id(), spec.title(), spec.module(), points, spec.maxPoints(), passed, failed, skipped,
                tests.size(), Outcome.GRADED, reason, true, List.of(), tests);
    }

    private static int rank(Status s) {
        return switch (s) {
            case PASSED -> 0;
            case SKIPPED -> 1;
            case FAILED -> 2;
            case ERRORED -> 3;
            case NOT_RUN -> 4;
        };
    }

    static boolean sameClass(Inventory.TestSpec t, String reported) {
        if (reported == null) {
            return false;
        }
        String fqcn = t.className();
        String simple = fqcn.substring(fqcn.lastIndexOf('.') + 1);
        return reported.equals(fqcn) || reported.equals(simple) || reported.equals(fqcn.replace('$', '.'))
                || reported.equals(simple.replace('$', '.')) || reported.equals(t.classDisplayName());
    }

    static boolean sameTest(Inventory.TestSpec t, String reported) {
        return reported.equals(t.name()) || reported.equals(t.method()) || reported.equals(t.method() + "()");
    }

    private static String classLevelFailure(Inventory.TestSpec t, List<SurefireReports.Case> cases) {
        for (SurefireReports.Case c : cases) {
            if (c.status() != Status.PASSED && sameClass(t, c.className())
                    && (c.name().isEmpty() || sameClass(t, c.name()) || c.name().equals(t.classDisplayName()))) {
                return SurefireReports.oneLine(c.message());
            }
        }
        return null;
    }

    private static String simpleType(String type) {
        if (type == null || type.isBlank()) {
            return "an exception";
        }
        return type.substring(type.lastIndexOf('.') + 1);
    }

    /** The first lines of a failure message, at most 600 characters. */
    static String shortMessage(String message) {
        if (message == null || message.isBlank()) {
            return null;
        }
        String text = String.join("\n", message.strip().lines().limit(12).toList());
        return text.length() > 600 ? text.substring(0, 597) + "..." : text;
    }

    static Exercise unscored(Inventory.ExerciseSpec spec, Outcome outcome, String reason, boolean intact,
                             List<String> changedFiles) {
        List<Report.Test> tests = new ArrayList<>();
        for (Inventory.TestSpec t : spec.tests()) {
            tests.add(new Report.Test(t.className(), t.method(), t.name(), 0, t.points(), Status.NOT_RUN, reason, null,
                    0));
        }
        return new Exercise(spec.id(), spec.title(), spec.module(), 0, spec.maxPoints(), 0, tests.size(), 0,
                tests.size(), outcome, reason, intact, changedFiles, tests);
    }

    /** Deletes a folder tree without following links out of it. */
    static void deleteTree(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            Files.delete(dir);
            return;
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
