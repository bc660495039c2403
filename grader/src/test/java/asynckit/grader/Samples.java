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
                "ex01-waiting-problem", 25, List.of(
                new Inventory.TestSpec(c, d, "startsEveryFetchBeforeWaitingForAny",
                        "has every fetch in flight at the same time", 6),
                new Inventory.TestSpec(c, d, "returnsAFutureAtOnce",
                        "returns a future at once, before any page has arrived", 5),
                new Inventory.TestSpec(c, d, "keepsTheOrderOfTheUrls", "keepsTheOrderOfTheUrls", 5),
                new Inventory.TestSpec(c + "$Edge", "edge cases", "emptyInput",
                        "gives an empty list <at once> | \"quoted\"", 4),
                new Inventory.TestSpec(c + "$Edge", "edge cases", "skippedOne", "is skipped", 3),
                new Inventory.TestSpec(c, d, "renamedAway", "was renamed by the learner", 2)),
                Map.of("pom.xml", "00"));
    }

    static Inventory.ExerciseSpec ex02() {
        return new Inventory.ExerciseSpec("02-sleeping-without-blocking", "02 Sleeping without blocking",
                "exercises/02-sleeping-without-blocking", "ex02-sleeping-without-blocking", 25, List.of(
                new Inventory.TestSpec("asynckit.ex02.AlarmsTest", "02", "ringsAfterTheDelay", "rings after the delay", 20),
                new Inventory.TestSpec("asynckit.ex02.AlarmsTest", "02", "noAlarms", "no alarms", 5)),
                Map.of("pom.xml", "00"));
    }

    static Inventory.ExerciseSpec ex03() {
        return new Inventory.ExerciseSpec("03-gather", "03 Gather", "exercises/03-gather", "ex03-gather", 25, List.of(
                new Inventory.TestSpec("asynckit.ex03.GatherTest", "03", "inOrder", "keeps the input order", 25)),
                Map.of("pom.xml", "00"));
    }

    static Report report() {
        List<SurefireReports.Case> cases = List.of(
                new SurefireReports.Case("asynckit.ex01.PageFetcherTest", "has every fetch in flight at the same time",
                        Report.Status.PASSED, null, null, 0.25, "TEST-a.xml"),
                new SurefireReports.Case("asynckit.ex01.PageFetcherTest",
                        "returns a future at once, before any page has arrived", Report.Status.FAILED,
                        "Mistake [blocked-the-caller]: fetchAll waited for the pages itself.\n  -> Hint 3 in README",
                        "java.lang.AssertionError", 0.5, "TEST-a.xml"),
                new SurefireReports.Case("PageFetcherTest", "keepsTheOrderOfTheUrls()", Report.Status.ERRORED,
                        "boom", "java.lang.NullPointerException", 0.01, "TEST-a.xml"),
                new SurefireReports.Case("asynckit.ex01.PageFetcherTest$Edge", "gives an empty list <at once> | \"quoted\"",
                        Report.Status.PASSED, null, null, 0.002, "TEST-a.xml"),
                new SurefireReports.Case("asynckit.ex01.PageFetcherTest$Edge", "is skipped", Report.Status.SKIPPED,
                        "assumption failed", null, 0, "TEST-a.xml"));
        Report.Exercise e1 = Grader.matched(ex01(), new SurefireReports.Result(cases, List.of(), 1));
        Report.Exercise e2 = Grader.unscored(ex02(), Report.Outcome.DID_NOT_COMPILE,
                "did not compile: Alarms.java:12: cannot find symbol", true, List.of());
        Report.Exercise e3 = Grader.unscored(ex03(), Report.Outcome.TESTS_CHANGED,
                "scores 0: tests or build files differ from the kit (exercises/03-gather/src/test/java/GatherTest.java)",
                false, List.of("exercises/03-gather/src/test/java/GatherTest.java"));
        List<Report.Exercise> exercises = List.of(e1, e2, e3);
        List<Report.Quiz> quizzes = List.of(
                new Report.Quiz("async-explained", "Async, explained", 7, 10, true, false, true, List.of()),
                new Report.Quiz("event-loop", "The event loop", 0, 5, false, false, true, List.of()),
                new Report.Quiz("composition", "Composition", 0, 6, true, false, false,
                        List.of("quizzes/banks/composition.quiz differs from the kit's bank: scores 0")));
        return new Report(Report.SCHEMA, Report.VERSION, "2026-11-21T06:00:00Z", "self", "kit", 42.5, exercises,
                quizzes, Report.Totals.of(exercises, quizzes), NextSteps.of(exercises, quizzes));
    }
}
