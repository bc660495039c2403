package asynckit.quiz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Graded quizzes: the sealed form a learner's starter copy holds (no key, no explanation), the runner that records
 * without scoring, and grading against the teacher's full bank.
 */
class SealedQuizTest {
    @TempDir
    Path root;

    /** The right answer to q, in the letters of its sealed form. */
    static String sealedKey(Question q) {
        List<Integer> order = Sealer.order(q);
        return switch (q.kind()) {
            case SINGLE, OUTPUT, MULTI -> q.correct().stream().map(i -> Question.label(order.indexOf(i))).sorted()
                    .collect(Collectors.joining(","));
            case ORDER -> Scoring.identity(q.options().size()).stream().map(i -> Question.label(order.indexOf(i)))
                    .collect(Collectors.joining(" "));
            case TRUE_FALSE, SHORT -> Scoring.key(q);
        };
    }

    @Test
    @DisplayName("every bank of the kit seals into a valid bank with the same questions and no key or explanation")
    void everyBankSeals() throws Exception {
        Path kit = Repo.find(Path.of(System.getProperty("kit.root", ".")));
        List<Path> files = Repo.bankFiles(kit);
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            Bank full = Repo.load(kit, file);
            String text = Sealer.seal(full);
            assertThat(text).as(file.toString()).doesNotContain("[x]", "[X]").doesNotContainPattern(
                    "(?m)^(answer|accept|pattern|explain|runnable):");
            Bank sealed = BankParser.parse(full.name(), file, "sealed " + file.getFileName(), text);
            assertThat(sealed.sealed()).isTrue();
            assertThat(sealed.graded()).isTrue();
            assertThat(sealed.maxPoints()).isEqualTo(full.maxPoints());
            assertThat(Sealer.seal(full)).as("sealing is deterministic").isEqualTo(text);
            Map<String, String> right = new LinkedHashMap<>();
            for (int i = 0; i < full.questions().size(); i++) {
                Question f = full.questions().get(i);
                Question s = sealed.questions().get(i);
                assertThat(s.id()).isEqualTo(f.id());
                assertThat(s.prompt()).isEqualTo(f.prompt());
                assertThat(s.code()).isEqualTo(f.code());
                assertThat(s.points()).isEqualTo(f.points());
                assertThat(s.explanation()).isEmpty();
                assertThat(s.correct()).isEmpty();
                assertThat(s.options()).containsExactlyInAnyOrderElementsOf(f.options());
                right.put(f.id(), sealedKey(f));
            }
            assertThat(QuizGrading.rescore(full, Sealer.unseal(full, right))).as(file.toString())
                    .isEqualTo(full.maxPoints());
        }
    }

    @Test
    @DisplayName("an ordering question's lines are sorted in the sealed form, so their place says nothing of the key")
    void orderLinesAreSorted() throws Exception {
        Bank full = Fixtures.parse(Fixtures.EVERY_KIND);
        String sealed = Sealer.seal(full);
        assertThat(sealed).contains("1. one\n2. three\n3. two\n");
        Question order = full.question("line-up").orElseThrow();
        assertThat(Sealer.unseal(full, Map.of("line-up", "a c b"))).containsEntry("line-up", "a b c");
        assertThat(Scoring.isCorrect(order, Sealer.unseal(full, Map.of("line-up", "a c b")).get("line-up"))).isTrue();
        assertThat(Sealer.unseal(full, Map.of("tick-some", "c,a"))).as("multi: kept sorted")
                .containsEntry("tick-some", Sealer.unseal(full, Map.of("tick-some", "a,c")).get("tick-some"));
    }

    @Test
    @DisplayName("a sealed bank that carries a key or an explanation is refused, every problem with its line")
    void sealedBankRefusesKeys() {
        String text = """
                title: Sealed
                sealed: yes
                graded: yes

                ## pick single
                points: 1
                concept: gather-all-of
                lesson: exercise 03
                prompt: Which?
                - [x] this
                - [ ] that
                explain: because

                ## tf truefalse
                points: 1
                concept: async-sleep
                lesson: exercise 02
                prompt: True?
                answer: true
                """;
        assertThatThrownBy(() -> Fixtures.parse(text)).isInstanceOfSatisfying(BankException.class, e ->
                assertThat(e.problems()).containsExactly(
                        "test.quiz:10: a sealed bank marks no option right: write \"- [ ] text\"",
                        "test.quiz:12: a sealed bank carries no keys or explanations: \"explain:\" is not allowed"
                                + " (sealed banks are written by ./kit export; edit the teacher's full bank instead)",
                        "test.quiz:19: a sealed bank carries no keys or explanations: \"answer:\" is not allowed"
                                + " (sealed banks are written by ./kit export; edit the teacher's full bank instead)"));
        assertThatThrownBy(() -> Fixtures.parse("title: x\ngraded: maybe\n" + Fixtures.EVERY_KIND.substring(
                Fixtures.EVERY_KIND.indexOf("## pick-one")))).isInstanceOfSatisfying(BankException.class, e ->
                assertThat(e.problems()).containsExactly("test.quiz:2: \"graded:\" is yes or no, not \"maybe\""));
    }

    @Test
    @DisplayName("the runner on a sealed bank records the answers with their mode, shows no key or score, and says"
            + " the teacher scores them")
    void runnerRecordsWithoutScoring() throws Exception {
        Bank full = BankParser.parse("kinds", Path.of("kinds.quiz"), "kinds.quiz", Fixtures.EVERY_KIND);
        Fixtures.bank(root, "kinds", Sealer.seal(full));
        StringWriter out = new StringWriter();
        int exit = Main.run(new Main(new StringReader("1\n1,2\n1\nthenApply\n1 2 3\n2\n"), out),
                "--root", root.toString(), "kinds", "--seed", "3");
        String text = out.toString();
        assertThat(exit).isZero();
        assertThat(text).contains("A graded quiz: your answers are recorded and your teacher scores them.",
                "Recorded.", "Answered 6 of 6 questions. No score here: your teacher scores this graded quiz.",
                "your teacher scores this graded quiz.")
                .doesNotContain("Correct", "Incorrect", "Score:", "It only signals completion", "To review");
        JsonNode attempt = new ObjectMapper().readTree(Repo.attemptsDir(root).resolve("kinds.json").toFile())
                .get("attempts").get(0);
        assertThat(attempt.get("mode").asText()).isEqualTo("plain");
        assertThat(attempt.get("sealed").asBoolean()).isTrue();
        assertThat(attempt.get("score").asInt()).isZero();
        assertThat(attempt.get("bankChecksum").asText()).isEqualTo(Sealer.sealedChecksum(full));

        // The learner's own copy: submitted, no points, not a failure.
        QuizGrade mine = QuizGrading.gradeAll(root).get(0);
        assertThat(mine.sealed()).isTrue();
        assertThat(mine.points()).isZero();
        assertThat(mine.attempted()).isTrue();
        assertThat(mine.problems()).isEmpty();

        // The teacher's grader: the same attempts against the full bank are scored.
        Path teacher = Files.createDirectories(root.resolve("teacher"));
        Fixtures.bank(teacher, "kinds", Fixtures.EVERY_KIND);
        Files.createDirectories(Repo.attemptsDir(teacher));
        Files.copy(Repo.attemptsDir(root).resolve("kinds.json"), Repo.attemptsDir(teacher).resolve("kinds.json"));
        QuizGrade scored = QuizGrading.gradeAll(teacher).get(0);
        assertThat(scored.sealed()).isFalse();
        assertThat(scored.bankChanged()).isFalse();
        assertThat(scored.problems()).isEmpty();
        int expected = QuizGrading.rescore(full, Sealer.unseal(full,
                new ObjectMapper().convertValue(attempt.get("answers"), Map.class)));
        assertThat(scored.points()).isEqualTo(expected).isBetween(0, full.maxPoints());
    }

    @Test
    @DisplayName("against the full bank, the first complete sealed attempt counts; later ones and unsealed ones do not")
    void firstCompleteSealedAttemptCounts() throws Exception {
        Bank full = Repo.load(root, Fixtures.bank(root, "kinds", Fixtures.EVERY_KIND));
        String sealedSum = Sealer.sealedChecksum(full);
        Map<String, String> allRight = new LinkedHashMap<>();
        full.questions().forEach(q -> allRight.put(q.id(), sealedKey(q)));
        AttemptStore store = new AttemptStore(Repo.attemptsDir(root));
        store.append("kinds", new Attempt(sealedSum, 1, "plain", "t0", "t1", 0, 10, false, allRight, true));
        store.append("kinds", new Attempt(sealedSum, 1, "interactive", "t2", "t3", 0, 10, true,
                Map.of("pick-one", sealedKey(full.question("pick-one").orElseThrow())), true));
        store.append("kinds", new Attempt(sealedSum, 1, "answers-file", "t4", "t5", 0, 10, true, allRight, true));
        store.append("kinds", new Attempt(full.checksum(), 1, "plain", "t6", "t7", 10, 10, true,
                Map.of("pick-one", "b"), false));
        QuizGrade g = QuizGrading.gradeAll(root).get(0);
        assertThat(g.points()).isEqualTo(1);
        assertThat(g.problems()).containsExactly(
                "quizzes/attempts/kinds.json: attempt 4 was not taken on the graded (sealed) quiz: not counted");
    }
}
