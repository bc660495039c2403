package asynckit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import asynckit.grader.Report.Outcome;
import asynckit.grader.Report.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kit, graded for real (each test runs a child Maven build in a copy of the kit): stubs
 * score 0, the reference solutions score every point, and edited tests are flagged in self mode and
 * have no effect in instructor mode.
 */
@DisplayName("End to end: grading the kit itself")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {
    @TempDir
    static Path temp;

    static Inventory inventory() {
        return Inventory.bundled();
    }

    static Grader grader() {
        return new Grader(inventory(), new ChildBuild.Settings(System.getProperty("kit.timeScale", "1"), 120, null,
                null), QuizSource.NONE, null);
    }

    @Test
    @Order(1)
    @DisplayName("a fresh clone (the stubs) grades to an honest 0, every test failed, with what to do first")
    void stubsGradeToZero() throws IOException {
        Workspace ws = new Workspace(Learners.ROOT, temp.resolve("fresh"), inventory());
        ws.prepare(Learners.repo(temp.resolve("stub-learner"), false));

        Report report = grader().grade(ws.dir(), "self", "fresh clone", temp.resolve("out-fresh"));

        assertThat(report.totals().points()).isZero();
        assertThat(report.totals().maxPoints()).isEqualTo(inventory().maxPoints());
        assertThat(report.totals().passed()).isZero();
        assertThat(report.exercises()).allSatisfy(e -> {
            assertThat(e.outcome()).as(e.id() + ": " + e.reason()).isEqualTo(Outcome.GRADED);
            assertThat(e.total()).isEqualTo(e.failed()).isPositive();
            assertThat(e.tests()).allSatisfy(t -> assertThat(t.status()).isIn(Status.FAILED, Status.ERRORED));
        });
        assertThat(report.nextSteps()).isNotEmpty();
        assertThat(report.nextSteps().get(0)).contains("read the lesson");
        assertThat(report.summaryLine()).isEqualTo("0 passed, " + report.totals().failed() + " failed");
    }

    @Test
    @Order(2)
    @DisplayName("the reference solutions grade to every point in instructor mode, the learner's edited tests ignored")
    void solutionsGradeToFull() throws IOException {
        Path learner = Learners.repo(temp.resolve("solver"), true);
        Path test = learner.resolve("exercises/01-waiting-problem/src/test/java/asynckit/ex01/PageFetcherTest.java");
        Files.createDirectories(test.getParent());
        Files.writeString(test, "package asynckit.ex01; class PageFetcherTest { /* all tests deleted */ }");
        Files.createDirectories(learner.resolve("exercises/01-waiting-problem/target/surefire-reports"));
        Files.writeString(learner.resolve("exercises/01-waiting-problem/target/surefire-reports/TEST-x.xml"), "junk");

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(captured, true, StandardCharsets.UTF_8), System.err, "instructor",
                learner.toString(), "--root", Learners.ROOT.toString(), "--work", temp.resolve("ws").toString(),
                "--out", temp.resolve("out-solver").toString());
        String console = captured.toString(StandardCharsets.UTF_8);

        assertThat(code).as(console).isZero();
        Report report = JsonSupport.readReport(Files.readString(temp.resolve("out-solver/report.json")));
        assertThat(report.totals().points()).as(console).isEqualTo(inventory().maxPoints());
        assertThat(report.totals().failed()).isZero();
        assertThat(report.mode()).isEqualTo("instructor");
        assertThat(console.strip().lines().reduce((a, b) -> b).orElse(""))
                .isEqualTo(report.totals().passed() + " passed, 0 failed");
        for (String file : new String[] {"report.md", "report.html", "report.txt", "gradescope/results.json",
                "classroom/runners.txt", "classroom/env"}) {
            assertThat(temp.resolve("out-solver").resolve(file)).isRegularFile();
        }
    }

    @Test
    @Order(3)
    @DisplayName("in self mode, an exercise whose tests were edited scores 0 and is flagged; the others are graded")
    void editedTestsAreFlagged() throws IOException {
        Workspace ws = new Workspace(Learners.ROOT, temp.resolve("edited"), inventory());
        ws.prepare(Learners.repo(temp.resolve("editor"), true));
        Inventory.ExerciseSpec first = inventory().exercises().get(0);
        Path testFile;
        try (var files = Files.walk(ws.dir().resolve(first.module()).resolve("src/test/java"))) {
            testFile = files.filter(f -> f.toString().endsWith("Test.java")).findFirst().orElseThrow();
        }
        Files.writeString(testFile, "\n// made easier\n", StandardOpenOption.APPEND);

        Report report = grader().grade(ws.dir(), "self", "editor", temp.resolve("out-edited"));

        Report.Exercise flagged = report.exercises().get(0);
        assertThat(flagged.outcome()).isEqualTo(Outcome.TESTS_CHANGED);
        assertThat(flagged.testsIntact()).isFalse();
        assertThat(flagged.points()).isZero();
        assertThat(flagged.changedFiles()).singleElement().asString().endsWith(testFile.getFileName().toString());
        assertThat(report.totals().flagged()).isEqualTo(1);
        assertThat(report.exercises().subList(1, report.exercises().size())).allSatisfy(e ->
                assertThat(e.points()).as(e.id()).isEqualTo(e.maxPoints()));
        assertThat(MarkdownReport.render(report)).contains(":warning: tests changed");
    }
}
