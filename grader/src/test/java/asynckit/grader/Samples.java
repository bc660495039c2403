package asynckit.grader;

import java.util.List;
import java.util.Map;

/** A fixed report (every outcome and status once) for the golden files. */
final class Samples {
    private Samples() {}

    static Inventory.ExerciseSpec ex01() {
        String c = "asynckit.ex01.PageFetcherTest";
        String d = "01 The waiting problem: PageFetcher.fetchAll";
        return new Inventory.ExerciseSpec("01-waiting-problem", "01 The waiting problem", "exercises/01-waiting-problem",
                25, List.of(
                new Inventory.TestSpec(c, d, "startsEveryFetchBeforeWaitingForAny",
                        "has every fetch in flight at the same time", 6),
                new Inventory.TestSpec(c, d, "returnsAFutureAtOnce",
                        "returns a future at once, before any page has arrived", 5),
                new Inventory.TestSpec(c, d, "keepsTheOrderOfTheUrls", "keepsTheOrderOfTheUrls", 5),
                new Inventory.TestSpec(c + "$Edge", "edge cases", "emptyInput",
                        "gives an empty list <at once> | \"quoted\"", 4),
                new Inventory.TestSpec(c + "$Edge", "edge cases", "skippedOne", "is skipped", 3),
                new Inventory.TestSpec(c, d, "renamedAway", "was renamed by the learner", 2)),
                Map.of("pom.xml", "00"), List.of("asynckit/ex01/PageFetcher.java"), List.of());
    }

    static Inventory.ExerciseSpec ex02() {
        return new Inventory.ExerciseSpec("02-sleeping-without-blocking", "02 Sleeping without blocking",
                "exercises/02-sleeping-without-blocking", 25, List.of(
                new Inventory.TestSpec("asynckit.ex02.AlarmsTest", "02", "ringsAfterTheDelay", "rings after the delay", 20),
                new Inventory.TestSpec("asynckit.ex02.AlarmsTest", "02", "noAlarms", "no alarms", 5)),
                Map.of("pom.xml", "00"), List.of("asynckit/ex02/Alarms.java"), List.of());
    }

    static Inventory.ExerciseSpec ex03() {
        return new Inventory.ExerciseSpec("03-gather", "03 Gather", "exercises/03-gather", 25, List.of(
                new Inventory.TestSpec("asynckit.ex03.GatherTest", "03", "inOrder", "keeps the input order", 25)),
                Map.of("pom.xml", "00"), List.of("asynckit/ex03/Gather.java"), List.of());
    }

    static TestRun.Result result(String className, String method, Report.Status status, String message, String type,
                                 double seconds) {
        return new TestRun.Result(className, method, method, status, message, type, seconds);
    }

    static Report report() {
        String hint = "Mistake [blocked-the-caller]: fetchAll waited for the pages itself.\n"
                + "  It took 900 ms. Right code takes about 300 ms here, and this mistake about 900 ms.\n"
                + "  line 3\n  line 4\n  line 5\n  line 6\n  line 7\n  line 8\n  line 9\n  line 10\n  line 11\n"
                + "  line 12\n  line 13\n"
                + "  -> Hint 3 in exercises/01-waiting-problem/README.md";
        List<TestRun.Result> results = List.of(
                result("asynckit.ex01.PageFetcherTest", "startsEveryFetchBeforeWaitingForAny", Report.Status.PASSED,
                        null, "", 0.25),
                result("asynckit.ex01.PageFetcherTest", "returnsAFutureAtOnce", Report.Status.FAILED, hint,
                        "org.opentest4j.AssertionFailedError", 0.5),
                result("asynckit.ex01.PageFetcherTest", "keepsTheOrderOfTheUrls", Report.Status.ERRORED, "boom",
                        "java.lang.NullPointerException", 0.01),
                result("asynckit.ex01.PageFetcherTest$Edge", "emptyInput", Report.Status.PASSED, null, "", 0.002),
                result("asynckit.ex01.PageFetcherTest$Edge", "skippedOne", Report.Status.SKIPPED, "assumption failed",
                        "", 0));
        Report.Exercise e1 = ReportMatcher.matched(ex01(), results, null).with(
                List.of("PageFetcher starts other processes (java.lang.ProcessBuilder.start)"),
                List.of("left 1 process running after the tests ended (killed by the grader)")).withEdits(
                List.of("exercises/01-waiting-problem/src/test/java/asynckit/ex01/PageFetcherTest.java"),
                "the kit's commit 1a2b3c4d5e");
        Report.Exercise e2 = ReportMatcher.unscored(ex02(), Report.Outcome.DID_NOT_COMPILE,
                "did not compile: Alarms.java:12: cannot find symbol", true, List.of());
        Report.Exercise e3 = ReportMatcher.unscored(ex03(), Report.Outcome.TESTS_CHANGED,
                "scores 0: tests or build files differ from the kit (exercises/03-gather/src/test/java/GatherTest.java)",
                false, List.of("exercises/03-gather/src/test/java/GatherTest.java"));
        List<Report.Exercise> exercises = List.of(e1, e2, e3);
        List<Report.Quiz> quizzes = List.of(
                new Report.Quiz("async-explained", "Async, explained", 7, 10, true, false, true, List.of(), 3,
                        List.of("interactive", Report.Quiz.ANSWERS_FILE, "plain"), Report.Quiz.ANSWERS_FILE,
                        List.of("1 of 3 attempts was made from an answers file (./kit quiz async-explained --answers"
                                + " FILE), not answered question by question; the counted attempt is one of them"),
                        List.of(new Report.QuizQuestion("calling-vs-starting", "async-basics", 4, 4, "right"),
                                new Report.QuizQuestion("fan-out", "gather-all-of", 3, 3, "right"),
                                new Report.QuizQuestion("what-blocks", "async-basics", 0, 2, "wrong"),
                                new Report.QuizQuestion("sleep", "async-sleep", 0, 1, "unanswered")), false),
                new Report.Quiz("event-loop", "The event loop", 0, 5, false, false, true, List.of()),
                new Report.Quiz("composition", "Composition", 0, 6, true, false, false,
                        List.of("quizzes/banks/composition.quiz differs from the kit's bank: scores 0")));
        return new Report(Report.SCHEMA, Report.VERSION, "2026-11-21T06:00:00Z", "self", "kit", 42.5,
                "commit 1a2b3c4d5e (merge-base with origin/main)", "sandboxed (bubblewrap): ...",
                List.of("JAVA_TOOL_OPTIONS is set (-Dx=1): not passed on to the kit's build or the tests"), exercises,
                quizzes, Report.Totals.of(exercises, quizzes), NextSteps.of(exercises, quizzes));
    }
}
