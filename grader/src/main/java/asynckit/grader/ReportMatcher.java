package asynckit.grader;

import asynckit.grader.Report.Exercise;
import asynckit.grader.Report.Outcome;
import asynckit.grader.Report.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns results into an exercise's report: every expected test of the inventory is matched to the result
 * that names it (the worst one when several do), and a test without a result fails with the reason.
 * Never "0 of 0": the inventory, not the results, says which tests exist.
 */
final class ReportMatcher {
    private ReportMatcher() {}

    /** Matches every expected test to its result; the worst result wins when there are several. */
    static Exercise matched(Inventory.ExerciseSpec spec, List<TestRun.Result> results, String reason) {
        List<Report.Test> tests = new ArrayList<>();
        int points = 0, passed = 0, failed = 0, skipped = 0;
        for (Inventory.TestSpec t : spec.tests()) {
            TestRun.Result worst = null;
            for (TestRun.Result r : results) {
                if (!r.method().isEmpty() && sameClass(t, r.className()) && sameTest(t, r)) {
                    if (worst == null || rank(r.status()) > rank(worst.status())) {
                        worst = r;
                    }
                }
            }
            Report.Test result;
            if (worst == null) {
                String classLevel = classLevelFailure(t, results);
                result = new Report.Test(t.className(), t.method(), t.name(), 0, t.points(), Status.NOT_RUN,
                        classLevel != null ? "the test class failed before this test ran: " + classLevel
                                : "no result (the test is missing or was renamed)", null, 0);
            } else {
                boolean ok = worst.status() == Status.PASSED;
                String why = switch (worst.status()) {
                    case PASSED -> null;
                    case FAILED -> "failed";
                    case ERRORED -> "failed with " + simpleType(worst.type());
                    case SKIPPED -> "skipped" + (worst.message() == null ? "" : ": " + Messages.oneLine(worst.message()));
                    case NOT_RUN -> "not run";
                };
                result = new Report.Test(t.className(), t.method(), t.name(), ok ? t.points() : 0, t.points(),
                        worst.status(), why, ok ? null : Messages.shortMessage(worst.message()), worst.seconds());
            }
            tests.add(result);
            switch (result.status()) {
                case PASSED -> {
                    passed++;
                    points += result.points();
                }
                case SKIPPED -> skipped++;
                default -> failed++;
            }
        }
        return new Exercise(spec.id(), spec.title(), spec.module(), Math.min(points, spec.maxPoints()),
                spec.maxPoints(), passed, failed, skipped, tests.size(), Outcome.GRADED, reason, true, List.of(),
                List.of(), List.of(), tests);
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
                || reported.equals(simple.replace('$', '.'));
    }

    static boolean sameTest(Inventory.TestSpec t, TestRun.Result r) {
        return r.method().equals(t.method()) || r.method().equals(t.method() + "()");
    }

    private static String classLevelFailure(Inventory.TestSpec t, List<TestRun.Result> results) {
        for (TestRun.Result r : results) {
            if (r.status() != Status.PASSED && r.method().isEmpty() && sameClass(t, r.className())) {
                return Messages.oneLine(r.message());
            }
        }
        String outer = t.className().contains("$") ? t.className().substring(0, t.className().indexOf('$')) : null;
        if (outer != null) {
            for (TestRun.Result r : results) {
                if (r.status() != Status.PASSED && r.method().isEmpty() && r.className().equals(outer)) {
                    return Messages.oneLine(r.message());
                }
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

    /** An exercise that could not be graded: every expected test not run, with the reason. */
    static Exercise unscored(Inventory.ExerciseSpec spec, Outcome outcome, String reason, boolean intact,
                             List<String> changedFiles) {
        List<Report.Test> tests = new ArrayList<>();
        for (Inventory.TestSpec t : spec.tests()) {
            tests.add(new Report.Test(t.className(), t.method(), t.name(), 0, t.points(), Status.NOT_RUN, reason, null,
                    0));
        }
        return new Exercise(spec.id(), spec.title(), spec.module(), 0, spec.maxPoints(), 0, tests.size(), 0,
                tests.size(), outcome, reason, intact, changedFiles, List.of(), List.of(), tests);
    }
}
