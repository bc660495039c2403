package asynckit.quiz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain mode end to end: Main with scripted standard input, a temporary repository, real files. */
class PlainModeTest {
    @TempDir
    Path root;
    Bank bank;

    record Result(int exit, String out) {
    }

    @BeforeEach
    void setUp() throws Exception {
        Path file = Fixtures.bank(root, "kinds", Fixtures.EVERY_KIND.replace("shuffle-questions: no", ""));
        bank = Repo.load(root, file);
    }

    Result run(String input, String... args) {
        StringWriter out = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--root", root.toString()));
        all.addAll(List.of(args));
        int exit = Main.run(new Main(new StringReader(input), out), all.toArray(String[]::new));
        return new Result(exit, out.toString());
    }

    /** What a taker types to answer a shown question right. */
    static String typedKey(QuizPlan.Shown s) {
        Question q = s.question();
        return switch (q.kind()) {
            case SINGLE, OUTPUT, MULTI -> q.correct().stream().map(i -> String.valueOf(s.numberOf(i)))
                    .collect(Collectors.joining(","));
            case TRUE_FALSE -> q.truth() ? "1" : "2";
            case SHORT -> "thenCompose()";
            case ORDER -> Scoring.identity(q.options().size()).stream().map(i -> String.valueOf(s.numberOf(i)))
                    .collect(Collectors.joining(" "));
        };
    }

    String rightAnswers(long seed) {
        return new QuizPlan(bank, seed).questions().stream().map(PlainModeTest::typedKey)
                .collect(Collectors.joining("\n", "", "\n"));
    }

    JsonNode attempts() throws Exception {
        return new ObjectMapper().readTree(Repo.attemptsDir(root).resolve("kinds.json").toFile());
    }

    @Test
    @DisplayName("answering every question right by number scores full marks and saves the attempt")
    void allRight() throws Exception {
        Result r = run(rightAnswers(5), "kinds", "--plain", "--seed", "5");
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("Quiz: Every kind (6 questions, 10 points, seed 5)")
                .contains("Question 1 of 6", "Question 6 of 6")
                .contains("Score: 10 / 10 points (6 of 6 questions right)")
                .contains("Saved to quizzes/attempts/kinds.json")
                .doesNotContain("Incorrect", "To review");
        JsonNode file = attempts();
        assertThat(file.get("format").asInt()).isEqualTo(1);
        assertThat(file.get("quiz").asText()).isEqualTo("kinds");
        JsonNode a = file.get("attempts").get(0);
        assertThat(a.get("bankChecksum").asText()).isEqualTo(bank.checksum());
        assertThat(a.get("seed").asLong()).isEqualTo(5);
        assertThat(a.get("mode").asText()).isEqualTo("plain");
        assertThat(a.get("score").asInt()).isEqualTo(10);
        assertThat(a.get("maxScore").asInt()).isEqualTo(10);
        assertThat(a.get("complete").asBoolean()).isTrue();
        assertThat(a.get("startedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(a.get("answers").get("pick-one").asText()).isEqualTo("b");
        assertThat(a.get("answers").get("tick-some").asText()).isEqualTo("a,c");
        assertThat(a.get("answers").get("yes-or-no").asText()).isEqualTo("false");
        assertThat(a.get("answers").get("type-it").asText()).isEqualTo("thenCompose()");
        assertThat(a.get("answers").get("line-up").asText()).isEqualTo("a b c");
    }

    @Test
    @DisplayName("a wrong answer gets the right one and the explanation, and is listed for review")
    void feedback() {
        QuizPlan plan = new QuizPlan(bank, 9);
        String input = rightAnswers(9).replaceFirst("(?m)^thenCompose\\(\\)$", "thenApply");
        Result r = run(input, "kinds", "--plain", "--seed", "9");
        int number = plan.questions().stream().map(s -> s.question().id()).toList().indexOf("type-it") + 1;
        assertThat(r.out())
                .contains("Incorrect. The answer: \"thenCompose\"")
                .contains("  thenCompose.")
                .contains("Score: 9 / 10 points (5 of 6 questions right)")
                .contains("To review:\n  - Question " + number + ": Which method flattens a future of")
                .contains("(lesson exercise 05)");
    }

    @Test
    @DisplayName("bad input is explained and asked again")
    void badInputAskedAgain() {
        QuizPlan plan = new QuizPlan(bank, 1);
        String first = typedKey(plan.questions().get(0));
        Result r = run("7\nabc\n\n" + first + "\n", "kinds", "--plain", "--seed", "1", "--no-save");
        assertThat(r.out()).contains("7 is not between 1 and", "\"abc\" is not a number. Try again.",
                "The answer is empty. Try again.");
        assertThat(Files.exists(Repo.attemptsDir(root).resolve("kinds.json"))).isFalse();
    }

    @Test
    @DisplayName("end of input stops cleanly: answered questions are saved, the rest are unanswered")
    void endOfInput() throws Exception {
        QuizPlan plan = new QuizPlan(bank, 3);
        String two = typedKey(plan.questions().get(0)) + "\n" + typedKey(plan.questions().get(1)) + "\n";
        Result r = run(two, "kinds", "--plain", "--seed", "3");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Question 3 of 6", "End of input: the quiz stops here");
        JsonNode a = attempts().get("attempts").get(0);
        assertThat(a.get("complete").asBoolean()).isFalse();
        long answered = 0;
        for (JsonNode v : a.get("answers")) {
            answered += v.isNull() ? 0 : 1;
        }
        assertThat(answered).isEqualTo(2);
        assertThat(a.get("answers").size()).isEqualTo(6);
    }

    @Test
    @DisplayName("--answers FILE answers without asking, in bank labels, whatever the shuffle")
    void answersFile() throws Exception {
        Path answers = Files.writeString(root.resolve("answers.txt"), """
                # my answers
                pick-one: b
                tick-some: c,a
                yes-or-no: true
                type-it: thenCompose
                line-up: a b c
                """);
        for (String seed : List.of("1", "2")) {
            Result r = run("", "kinds", "--answers", answers.toString(), "--seed", seed);
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("Answer from file:", "Answer from file: (no answer)",
                    "Score: 6 / 10 points (4 of 6 questions right)");
        }
        JsonNode list = attempts().get("attempts");
        assertThat(list).hasSize(2);
        assertThat(list.get(1).get("mode").asText()).isEqualTo("answers-file");
        assertThat(list.get(1).get("answers").get("prints").isNull()).isTrue();
    }

    @Test
    @DisplayName("a malformed answers file is rejected with file:line and nothing is saved")
    void badAnswersFile() throws Exception {
        Path answers = Files.writeString(root.resolve("a.txt"), "pick-one: q\nnope: a\nline-up a\n");
        Result r = run("", "kinds", "--answers", answers.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains(answers + ":1: answer to \"pick-one\": expected one option label from a to c",
                answers + ":2: quiz kinds has no question \"nope\"",
                answers + ":3: expected \"question-id: answer\"");
        assertThat(Files.exists(Repo.attemptsDir(root).resolve("kinds.json"))).isFalse();
    }

    @Test
    @DisplayName("a damaged attempts file is left alone; the attempt is printed so it is not lost")
    void damagedAttemptsFile() throws Exception {
        Files.createDirectories(Repo.attemptsDir(root));
        Path file = Files.writeString(Repo.attemptsDir(root).resolve("kinds.json"), "<<<<<<< HEAD\n");
        Result r = run(rightAnswers(2), "kinds", "--plain", "--seed", "2");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("Could not save this attempt to quizzes/attempts/kinds.json",
                "\"bankChecksum\" : \"" + bank.checksum() + "\"", "\"score\" : 10");
        assertThat(Files.readString(file)).isEqualTo("<<<<<<< HEAD\n");
    }

    @Test
    @DisplayName("the same seed gives the same transcript")
    void seededTranscript() {
        String a = run(rightAnswers(11), "kinds", "--plain", "--seed", "11", "--no-save").out();
        String b = run(rightAnswers(11), "kinds", "--plain", "--seed", "11", "--no-save").out();
        assertThat(a).isEqualTo(b);
    }

    @Test
    @DisplayName("a malformed bank stops the runner with file:line messages; an unknown quiz lists the real ones")
    void brokenBankAndUnknownQuiz() throws Exception {
        Fixtures.bank(root, "broken", "title: b\n## q single\npoints: 0\n");
        Result r = run("", "broken", "--plain");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("quizzes/banks/broken.quiz:3: points must be between 1 and 100, not 0",
                "quizzes/banks/broken.quiz:2: question \"q\" has no \"prompt:\"");
        Result unknown = run("", "nosuch");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.out()).contains("No quiz named \"nosuch\"", "  kinds");
    }

    @Test
    @DisplayName("without a name, the list shows each quiz with its best re-scored attempt")
    void listing() {
        run(rightAnswers(5), "kinds", "--plain", "--seed", "5");
        run("1\n", "kinds", "--plain", "--seed", "5");
        Result r = run("");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).containsPattern("kinds +best 10/10\\R +Every kind").contains("Total: 10/10 quiz points");
    }
}
