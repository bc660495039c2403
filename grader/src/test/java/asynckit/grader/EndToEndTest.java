package asynckit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import asynckit.grader.Report.Outcome;
import asynckit.grader.Report.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kit, graded for real: stubs score 0, the reference solutions score every point (the learner's
 * edited tests and planted reports have no effect), and in self mode every edit to a file that decides how
 * the tests run is flagged against the reference commit.
 */
@DisplayName("End to end: grading the kit itself")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {
    @TempDir
    static Path temp;
    Grader grader;

    static Grader.Settings settings() {
        return new Grader.Settings(System.getProperty("kit.timeScale", "1"), 120, null, "auto",
                Sandbox.Limits.defaults(), Learners.BUILD_CACHE);
    }

    Report stubs;
    Report solver;

    /**
     * Grades the two whole learners at once (a batch of two, as teachers run it): the fresh clone and the solver,
     * whose edited test and planted report must have no effect.
     */
    @BeforeAll
    void prepare() throws Exception {
        grader = Grader.prepare(Learners.ROOT, false, null, List.of(), settings(), QuizSource.NONE, null,
                temp.resolve("work"));
        // As ./kit grade grades one learner on a machine with cores to spare: exercises side by side.
        grader.exercisesAtOnce(2);
        Path learner = Learners.repo(temp.resolve("solver"), true);
        Path test = learner.resolve("exercises/01-waiting-problem/src/test/java/asynckit/ex01/PageFetcherTest.java");
        Files.createDirectories(test.getParent());
        Files.writeString(test, "package asynckit.ex01; class PageFetcherTest { /* all tests deleted */ }");
        Files.createDirectories(learner.resolve("exercises/01-waiting-problem/target/surefire-reports"));
        Files.writeString(learner.resolve("exercises/01-waiting-problem/target/surefire-reports/TEST-x.xml"), "junk");
        java.util.concurrent.CompletableFuture<Report> fresh = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return grader.grade(Learners.repo(temp.resolve("stub-learner"), false), "instructor", "stubs",
                        temp.resolve("out-fresh"), null);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        solver = grader.grade(learner, "instructor", "solver", temp.resolve("out-solver"), null);
        ReportFiles.write(solver, temp.resolve("out-solver"));
        stubs = fresh.get();
    }

    @AfterAll
    void close() throws IOException {
        grader.close();
    }

    @Test
    @DisplayName("a second run of the same kit reuses the trusted build (keyed by every file of the kit's commit)")
    void reusesTheTrustedBuild() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Learners.BUILD_CACHE != null, "-Dgrader.buildCache=false");
        try (Grader again = Grader.prepare(Learners.ROOT, false, null, List.of("02"), settings(), QuizSource.NONE, null,
                temp.resolve("work-again"))) {
            assertThat(again.reusedBuild()).isTrue();
            Report report = again.grade(Learners.solved01(temp.resolve("reuse-learner")), "instructor", "reuse",
                    temp.resolve("out-reuse"), null);
            assertThat(report.exercises()).singleElement().satisfies(e -> {
                assertThat(e.outcome()).as(e.reason()).isEqualTo(Outcome.GRADED);
                assertThat(e.total()).isPositive();
            });
        }
    }

    @Test
    @DisplayName("a fresh clone (the stubs) grades to an honest 0, every test failed, with what to do first")
    void stubsGradeToZero() {
        Report report = stubs;

        assertThat(report.totals().points()).isZero();
        assertThat(report.totals().maxPoints()).isEqualTo(grader.inventory().maxPoints());
        assertThat(report.totals().passed()).isZero();
        assertThat(report.exercises()).allSatisfy(e -> {
            assertThat(e.outcome()).as(e.id() + ": " + e.reason()).isEqualTo(Outcome.GRADED);
            assertThat(e.total()).isEqualTo(e.failed()).isPositive();
            assertThat(e.tests()).allSatisfy(t -> assertThat(t.status()).isIn(Status.FAILED, Status.ERRORED));
            assertThat(e.flags()).isEmpty();
        });
        assertThat(report.nextSteps()).isNotEmpty();
        assertThat(report.nextSteps().get(0)).contains("read the lesson");
        assertThat(report.summaryLine()).isEqualTo("0 passed, " + report.totals().failed() + " failed");
    }

    @Test
    @DisplayName("the reference solutions grade to every point, the learner's edited tests and planted reports ignored")
    void solutionsGradeToFull() {
        Report report = solver;

        assertThat(report.totals().points()).as(TerminalReport.render(report)).isEqualTo(grader.inventory().maxPoints());
        Report.Exercise edited = report.exercises().get(0);
        assertThat(edited.testsEdited()).as("the edited test is reported, and not used").isTrue();
        assertThat(edited.changedFiles()).containsExactly(
                "exercises/01-waiting-problem/src/test/java/asynckit/ex01/PageFetcherTest.java");
        assertThat(edited.flags()).anyMatch(f -> f.startsWith("tests edited: 1 file differs"));
        assertThat(report.exercises().subList(1, report.exercises().size())).allSatisfy(e ->
                assertThat(e.testsEdited()).as(e.id()).isFalse());
        assertThat(Batch.row("solver", report, 1, List.of()).marks().testsEdited()).containsExactly(edited.id());
        assertThat(report.totals().failed()).isZero();
        assertThat(report.totals().exercisePercent()).isEqualTo(100);
        assertThat(report.mode()).isEqualTo("instructor");
        assertThat(TerminalReport.render(report)).contains("Exercises: " + grader.inventory().maxPoints() + "/"
                + grader.inventory().maxPoints() + " points (100 %)");
        for (String file : new String[] {"report.md", "report.html", "report.txt", "gradescope/results.json",
                "classroom/runners.txt", "classroom/env", "classroom/summary.txt"}) {
            assertThat(temp.resolve("out-solver").resolve(file)).isRegularFile();
        }
    }

    @Test
    @DisplayName("self mode: checked against the reference commit; an edited test, .mvn/maven.config or given file is"
            + " flagged")
    void selfModeFlagsEveryEdit() throws IOException {
        Path clone = temp.resolve("clone");
        assertThat(KitSnapshot.tryGit(Learners.ROOT, "clone", "-q", "--no-hardlinks", Learners.ROOT.toString(),
                clone.toString())).as("git clone").isNotNull();
        KitSnapshot.git(clone, "config", "user.email", "learner@example.org");
        KitSnapshot.git(clone, "config", "user.name", "Learner");
        Learners.copy(Learners.ROOT.resolve("solutions/02-sleeping-without-blocking/src/main/java"),
                clone.resolve("exercises/02-sleeping-without-blocking/src/main/java"));
        Learners.copy(Learners.ROOT.resolve("solutions/01-waiting-problem/src/main/java"),
                clone.resolve("exercises/01-waiting-problem/src/main/java"));
        Path test = clone.resolve("exercises/01-waiting-problem/src/test/java/asynckit/ex01/PageFetcherTest.java");
        Files.writeString(test, "\n// made easier\n", StandardOpenOption.APPEND);
        KitSnapshot.git(clone, "commit", "-q", "-am", "learner's work, and an easier test");

        try (Grader self = Grader.prepare(clone, true, null, List.of("01", "02"), settings(), QuizSource.NONE, null,
                temp.resolve("self-work"))) {
            Report report = self.grade(clone, "self", "clone", temp.resolve("out-self"),
                    IntegrityCheck.of(clone, self.inventory()));

            assertThat(report.kit()).startsWith("commit ").contains("merge-base with origin/");
            Report.Exercise flagged = report.exercises().get(0);
            assertThat(flagged.outcome()).isEqualTo(Outcome.TESTS_CHANGED);
            assertThat(flagged.testsIntact()).isFalse();
            assertThat(flagged.points()).isZero();
            assertThat(flagged.changedFiles()).singleElement().asString().endsWith("PageFetcherTest.java");
            assertThat(report.exercises().get(1).points()).isEqualTo(report.exercises().get(1).maxPoints());
            assertThat(MarkdownReport.render(report)).contains(":warning: tests changed");

            Files.writeString(clone.resolve(".mvn/maven.config"), "-Dmaven.ext.class.path=/tmp/x.jar\n",
                    StandardOpenOption.APPEND);
            Files.writeString(clone.resolve("exercises/02-sleeping-without-blocking/pom.xml"), "<!-- x -->\n",
                    StandardOpenOption.APPEND);
            Report again = self.grade(clone, "self", "clone", temp.resolve("out-self-2"),
                    IntegrityCheck.of(clone, self.inventory()));
            assertThat(again.exercises()).allSatisfy(e -> {
                assertThat(e.outcome()).isEqualTo(Outcome.TESTS_CHANGED);
                assertThat(e.changedFiles()).contains(".mvn/maven.config");
            });
            assertThat(again.exercises().get(1).changedFiles())
                    .contains("exercises/02-sleeping-without-blocking/pom.xml");
        }
    }
}
