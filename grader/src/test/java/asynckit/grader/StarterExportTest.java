package asynckit.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import asynckit.quiz.Bank;
import asynckit.quiz.BankParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./kit export starter}: the classroom template holds no solution and no key of a graded quiz, its README's
 * commands exist, its devcontainer is valid JSON, and it builds and grades to an honest 0 with Maven.
 */
@DisplayName("The starter export")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StarterExportTest {
    static final Path KIT = Learners.ROOT;
    @TempDir
    static Path temp;
    Path starter;
    List<String> files;
    StarterExport.Result result;
    /** The learner's first build and grading of a clone of the export: the slowest check, started first. */
    Process grading;
    Path gradedCopy;
    Path gradingLog;

    @BeforeAll
    void export() throws IOException, InterruptedException {
        starter = temp.resolve("starter");
        result = StarterExport.write(KIT, starter, null);
        List<String> all = FileTrees.listFiles(starter, new ArrayList<>());
        files = all.stream().filter(f -> !f.startsWith(".git/")).toList();
        if (!"false".equals(System.getProperty("grader.e2e"))) {
            startGrading();
        }
    }

    @AfterAll
    void stopGrading() {
        if (grading != null && grading.isAlive()) {
            grading.descendants().forEach(ProcessHandle::destroyForcibly);
            grading.destroyForcibly();
        }
    }

    @Test
    @DisplayName("holds no file of solutions/ (by path or by content) and no wrong or right variant")
    void noSolutions() throws IOException {
        assertThat(files).isNotEmpty().noneMatch(f -> f.startsWith("solutions/") || f.contains("/wrong/")
                || f.contains("/right/"));
        Set<String> solutionSums = new HashSet<>();
        for (String f : FileTrees.listFiles(KIT.resolve("solutions"), new ArrayList<>())) {
            if (f.endsWith(".java")) {
                solutionSums.add(sha(KIT.resolve("solutions").resolve(f)));
            }
        }
        assertThat(solutionSums).hasSizeGreaterThan(20);
        for (String f : files) {
            assertThat(solutionSums).as(f + " has the content of a file under solutions/")
                    .doesNotContain(sha(starter.resolve(f)));
        }
        assertThat(files).contains("exercises/01-waiting-problem/src/test/java/asynckit/ex01/PageFetcherTest.java",
                ".github/workflows/classroom.yml", ".devcontainer/devcontainer.json", "kit", "mvnw", "grader/pom.xml")
                .noneMatch(f -> f.startsWith("grader/src/test/") || f.startsWith("scripts/") || f.startsWith(".ci/")
                        || f.startsWith("grader/gradescope/") || f.matches("quizzes/attempts/.*\\.json"));
        String pom = Files.readString(starter.resolve("pom.xml"));
        assertThat(pom).doesNotContain("solutions", "<id>selftest</id>").contains("<id>grade</id>");
    }

    @Test
    @DisplayName("a graded bank ships sealed: no [x], answer:, accept:, pattern: or explain:; practice banks unchanged")
    void gradedBanksSealed() throws Exception {
        assertThat(result.graded()).isNotEmpty();
        assertThat(result.practice()).isNotEmpty();
        for (String name : result.graded()) {
            String text = Files.readString(starter.resolve("quizzes/banks/" + name + ".quiz"));
            assertThat(text).as(name).doesNotContain("[x]", "[X]")
                    .doesNotContainPattern("(?m)^(answer|accept|pattern|explain|runnable):");
            Bank kitBank = BankParser.parse(KIT.resolve("quizzes/banks/" + name + ".quiz"), name);
            assertThat(kitBank.graded()).as(name + " says graded: yes in the kit").isTrue();
            assertThat(BankParser.parse(starter.resolve("quizzes/banks/" + name + ".quiz"), name).sealed()).isTrue();
        }
        for (String name : result.practice()) {
            assertThat(starter.resolve("quizzes/banks/" + name + ".quiz"))
                    .hasSameTextualContentAs(KIT.resolve("quizzes/banks/" + name + ".quiz"));
        }
    }

    @Test
    @DisplayName("the teacher chooses the graded quizzes with --graded; an unknown name is refused and writes nothing")
    void teacherChooses() throws IOException {
        StarterExport.Result all = StarterExport.write(KIT, temp.resolve("all"), List.of("all"));
        assertThat(all.practice()).isEmpty();
        StarterExport.Result one = StarterExport.write(KIT, temp.resolve("one"), List.of("async-explained"));
        assertThat(one.graded()).containsExactly("async-explained");
        StarterExport.Result none = StarterExport.write(KIT, temp.resolve("none"), List.of("none"));
        assertThat(none.graded()).isEmpty();
        assertThatThrownBy(() -> StarterExport.write(KIT, temp.resolve("typo"), List.of("event-lop")))
                .hasMessageContaining("--graded names event-lop, which the kit does not have")
                .hasMessageContaining("event-loop");
        assertThat(temp.resolve("typo")).doesNotExist();
        assertThatThrownBy(() -> StarterExport.write(starter, temp.resolve("again"), null))
                .hasMessageContaining("has no solutions/ folder: it is already a starter");
        assertThatThrownBy(() -> StarterExport.write(KIT, starter, null)).hasMessageContaining("not an empty folder");
    }

    @Test
    @DisplayName("the README is the learners' and every ./kit command and link it names exists")
    void readmeCommandsExist() throws IOException {
        String readme = Files.readString(starter.resolve("README.md"));
        assertThat(readme).contains("## Start here", "## The loop", "## The quizzes", "## How you are graded")
                .doesNotContain("{{", "-Pselftest", "solutions/");
        String kit = Files.readString(starter.resolve("kit"));
        Set<String> commands = new HashSet<>();
        Matcher cases = Pattern.compile("(?m)^  ([a-z|-]+)\\)$").matcher(kit);
        while (cases.find()) {
            commands.addAll(List.of(cases.group(1).split("\\|")));
        }
        Matcher used = Pattern.compile("\\./kit(?: ([a-z]+))?").matcher(readme);
        int count = 0;
        while (used.find()) {
            count++;
            if (used.group(1) != null) {
                assertThat(commands).as("./kit " + used.group(1)).contains(used.group(1));
            }
        }
        assertThat(count).isGreaterThan(5);
        Matcher links = Pattern.compile("\\]\\(([^)#]+)\\)").matcher(readme);
        while (links.find()) {
            assertThat(starter.resolve(links.group(1))).as("link " + links.group(1)).exists();
        }
        for (String exercise : List.of("01-waiting-problem", "08-errors-and-retries")) {
            assertThat(readme).contains("exercises/" + exercise + "/README.md");
        }
    }

    @Test
    @DisplayName("is a git repository with one commit and nothing left uncommitted")
    void oneCommit() throws IOException {
        assertThat(result.commit()).isNotNull();
        assertThat(KitSnapshot.git(starter, "rev-list", "--count", "HEAD").strip()).isEqualTo("1");
        assertThat(KitSnapshot.git(starter, "status", "--porcelain").strip()).isEmpty();
        assertThat(Files.isExecutable(starter.resolve("kit"))).isTrue();
        assertThat(Files.isExecutable(starter.resolve("mvnw"))).isTrue();
    }

    @Test
    @DisplayName("the devcontainer is valid JSON: a JDK 21 image and a warm-up that fails loudly")
    void devcontainer() throws IOException {
        JsonNode dc = new ObjectMapper().readTree(starter.resolve(".devcontainer/devcontainer.json").toFile());
        assertThat(dc.get("image").asText()).contains("java").contains("21");
        String post = dc.get("postCreateCommand").asText();
        assertThat(post).isEqualTo("sh .devcontainer/warm-up.sh");
        String warmUp = Files.readString(starter.resolve(".devcontainer/warm-up.sh"));
        assertThat(warmUp).contains("set -eu", "./mvnw -B -q -DskipTests install", "exit 1", "FAILED");
    }

    @Test
    @DisplayName("a sealed attempt counts nothing in the learner's copy (labelled), and scores against the kit's bank")
    void sealedAttemptScoredByTeacher() throws Exception {
        String quiz = result.graded().get(0);
        Path learner = cloneOf(starter, temp.resolve("quiz-taker"));
        Path answers = temp.resolve("answers.txt");
        Bank sealed = BankParser.parse(learner.resolve("quizzes/banks/" + quiz + ".quiz"), quiz);
        StringBuilder lines = new StringBuilder();
        sealed.questions().forEach(q -> lines.append(q.id()).append(": ").append(switch (q.kind()) {
            case TRUE_FALSE -> "true";
            case SHORT -> "thenCompose";
            case ORDER -> String.join(" ", "abcdefghijklmnopqrstuvwxyz".substring(0, q.options().size()).split(""));
            default -> "a";
        }).append('\n'));
        Files.writeString(answers, lines);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = asynckit.quiz.Main.run(new asynckit.quiz.Main(new java.io.StringReader(""),
                new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)), "--root", learner.toString(), quiz,
                "--answers", answers.toString());
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();

        Report.Quiz mine = Quizzes.source().grade(learner).stream().filter(q -> q.quiz().equals(quiz)).findFirst()
                .orElseThrow();
        assertThat(mine.sealed()).isTrue();
        assertThat(mine.attempted()).isTrue();
        assertThat(mine.points()).isZero();
        assertThat(mine.sealedState()).isEqualTo("submitted: scored by your teacher");
        Report.Totals totals = Report.Totals.of(List.of(), List.of(mine));
        assertThat(totals.quizMaxPoints()).as("a sealed quiz is not in the learner's own totals").isZero();

        Path teacherView = temp.resolve("teacher-view");
        Files.createDirectories(teacherView.resolve("quizzes/attempts"));
        Learners.copy(KIT.resolve("quizzes/banks"), teacherView.resolve("quizzes/banks"));
        Files.copy(learner.resolve("quizzes/attempts/" + quiz + ".json"),
                teacherView.resolve("quizzes/attempts/" + quiz + ".json"));
        Report.Quiz scored = Quizzes.source().grade(teacherView).stream().filter(q -> q.quiz().equals(quiz))
                .findFirst().orElseThrow();
        assertThat(scored.sealed()).isFalse();
        assertThat(scored.attempted()).isTrue();
        assertThat(scored.bankChanged()).as("taken on the sealed form of this very bank").isFalse();
        assertThat(scored.problems()).isEmpty();
        assertThat(scored.maxPoints()).isEqualTo(mine.maxPoints());
        JsonNode attempt = new ObjectMapper().readTree(learner.resolve("quizzes/attempts/" + quiz + ".json").toFile())
                .get("attempts").get(0);
        assertThat(attempt.get("mode").asText()).isEqualTo("answers-file");
        assertThat(attempt.get("sealed").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("every report format labels a sealed quiz as scored by the teacher, never as failed points")
    void reportsLabelSealedQuizzes() {
        Report sample = Samples.report();
        List<Report.Quiz> quizzes = new ArrayList<>(sample.quizzes());
        quizzes.add(new Report.Quiz("timeouts", "Timeouts and errors", 0, 24, true, false, true, List.of(), 1,
                List.of("interactive"), "interactive", List.of(), List.of(), true));
        Report r = new Report(sample.schema(), sample.version(), sample.generatedAt(), sample.mode(), sample.source(),
                sample.seconds(), sample.kit(), sample.sandbox(), sample.notes(), sample.exercises(), quizzes,
                Report.Totals.of(sample.exercises(), quizzes), sample.nextSteps());
        assertThat(r.totals()).isEqualTo(sample.totals());
        assertThat(TerminalReport.render(r)).contains("submitted: scored by your teacher");
        assertThat(MarkdownReport.render(r)).contains("submitted: scored by your teacher");
        assertThat(HtmlReport.render(r)).contains("submitted: scored by your teacher");
        assertThat(ClassroomReport.runners(r)).hasSameSizeAs(ClassroomReport.runners(sample));
        assertThat(GradescopeReport.render(r)).doesNotContain("Timeouts and errors");
    }

    @Test
    @DisabledIfSystemProperty(named = "grader.e2e", matches = "false")
    @DisplayName("builds with Maven and grades to an honest 0 (./mvnw -q -B -o verify -Pgrade, exercise 01, in a clone)")
    void buildsAndGradesToZero() throws Exception {
        boolean done = grading.waitFor(20, TimeUnit.MINUTES);
        if (!done) {
            stopGrading();
        }
        Path copy = gradedCopy;
        Process p = grading;
        Path log = gradingLog;
        String output = Files.readString(log);
        assertThat(done).as("finished within 20 minutes: " + output).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("Exercises: 0/", "commit " + result.commit().substring(0, 10))
                .containsPattern("(?m)^Total: 0/\\d+ points")
                .contains("not taken yet (graded: scored by your teacher)").doesNotContain("FLAGGED");
        JsonNode report = new ObjectMapper().readTree(copy.resolve("grade-report/report.json").toFile());
        assertThat(report.at("/totals/points").asInt()).isZero();
        assertThat(report.at("/totals/exerciseMaxPoints").asInt()).isPositive();
        assertThat(report.at("/totals/passed").asInt()).isZero();
        assertThat(report.at("/totals/flagged").asInt()).isZero();
    }

    /**
     * Starts {@code ./mvnw -q -B -o verify -Pgrade} for exercise 01 in a learner's clone of the export, in the
     * background: the other checks of this class run meanwhile.
     */
    private void startGrading() throws IOException, InterruptedException {
        gradedCopy = cloneOf(starter, temp.resolve("graded-copy"));
        // Exercise 01 only: the stubs of every exercise grading to 0 is EndToEndTest's; this proves the export builds.
        ProcessBuilder pb = new ProcessBuilder("sh", "./mvnw", "-q", "-B", "-o", "verify", "-Pgrade", "-Dgrade.only=01")
                .directory(gradedCopy.toFile()).redirectErrorStream(true);
        for (String v : TrustedBuild.JVM_VARIABLES) {
            pb.environment().remove(v);
        }
        // The child Maven and the grader it starts run on this test's JDK 21+: Surefire may hand its fork a JAVA_HOME
        // while `java` on PATH is older, and then the grade profile's `java` would be the older one.
        String javaHome = System.getProperty("java.home");
        pb.environment().put("JAVA_HOME", javaHome);
        pb.environment().put("PATH", Path.of(javaHome, "bin") + java.io.File.pathSeparator
                + pb.environment().getOrDefault("PATH", ""));
        pb.environment().remove("MAVEN_OPTS");
        pb.environment().remove("MAVEN_ARGS");
        gradingLog = temp.resolve("grade.log");
        pb.redirectOutput(gradingLog.toFile());
        grading = pb.start();
    }

    /** A learner's clone of the starter (the export itself stays clean for the other tests). */
    static Path cloneOf(Path repo, Path dest) throws IOException, InterruptedException {
        Process clone = new ProcessBuilder("git", "clone", "-q", repo.toString(), dest.toString())
                .redirectErrorStream(true).start();
        String out = new String(clone.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(clone.waitFor(2, TimeUnit.MINUTES)).as(out).isTrue();
        assertThat(clone.exitValue()).as(out).isZero();
        return dest;
    }

    static String sha(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
