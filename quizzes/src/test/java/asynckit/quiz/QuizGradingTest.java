package asynckit.quiz;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract with the grader: QuizGrading re-scores saved answers and never throws on bad files. */
class QuizGradingTest {
    @TempDir
    Path root;

    static Map<String, String> answers(String... idAndAnswer) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < idAndAnswer.length; i += 2) {
            m.put(idAndAnswer[i], idAndAnswer[i + 1]);
        }
        return m;
    }

    static Attempt attempt(String checksum, int savedScore, Map<String, String> answers) {
        return new Attempt(checksum, 1, "plain", "2026-11-21T05:00:00Z", "2026-11-21T05:03:00Z", savedScore, 10,
                true, answers);
    }

    Bank kinds() throws Exception {
        return Repo.load(root, Fixtures.bank(root, "kinds", Fixtures.EVERY_KIND));
    }

    @Test
    @DisplayName("no attempts: not attempted, 0 points, max points from the bank")
    void notAttempted() throws Exception {
        kinds();
        assertThat(QuizGrading.gradeAll(root)).containsExactly(
                new QuizGrade("kinds", "Every kind", 0, 10, false, false, List.of()));
        assertThat(QuizGrading.maxPointsAll(root)).isEqualTo(10);
    }

    @Test
    @DisplayName("the best attempt counts, re-scored from its answers; a saved score that lies is reported")
    void rescoresBest() throws Exception {
        Bank bank = kinds();
        AttemptStore store = new AttemptStore(Repo.attemptsDir(root));
        store.append("kinds", attempt(bank.checksum(), 3, answers("pick-one", "b", "tick-some", "a,c")));
        store.append("kinds", attempt(bank.checksum(), 10, answers("pick-one", "a", "line-up", "a b c")));
        store.append("kinds", attempt(bank.checksum(), 1, answers("pick-one", "c")));
        QuizGrade g = QuizGrading.gradeAll(root).get(0);
        assertThat(g.points()).isEqualTo(3);
        assertThat(g.attempted()).isTrue();
        assertThat(g.bankChanged()).isFalse();
        assertThat(g.problems()).containsExactly(
                "quizzes/attempts/kinds.json: attempt 2 saved a score of 10 but its answers score 2",
                "quizzes/attempts/kinds.json: attempt 3 saved a score of 1 but its answers score 0");
    }

    @Test
    @DisplayName("an attempt on an older bank scores against the current bank and is flagged")
    void bankChanged() throws Exception {
        Bank bank = kinds();
        AttemptStore store = new AttemptStore(Repo.attemptsDir(root));
        store.append("kinds", attempt("0".repeat(64), 99,
                answers("pick-one", "b", "prints", "b", "removed-question", "a")));
        QuizGrade g = QuizGrading.gradeAll(root).get(0);
        assertThat(g.points()).isEqualTo(4);
        assertThat(g.bankChanged()).isTrue();
        assertThat(g.problems()).isEmpty();

        store.append("kinds", attempt(bank.checksum(), 4, answers("pick-one", "b", "prints", "b")));
        QuizGrade tie = QuizGrading.gradeAll(root).get(0);
        assertThat(tie.points()).isEqualTo(4);
        assertThat(tie.bankChanged()).as("a tie prefers the attempt on the current bank").isFalse();
    }

    @Test
    @DisplayName("malformed banks and attempts files become problems, never exceptions")
    void malformedFiles() throws Exception {
        kinds();
        Fixtures.bank(root, "broken", "title: x\n## a single\npoints: 1\n");
        Files.createDirectories(Repo.attemptsDir(root));
        Files.writeString(Repo.attemptsDir(root).resolve("kinds.json"), "{ not json");
        Files.writeString(Repo.attemptsDir(root).resolve("ghost.json"), "{\"format\":1,\"quiz\":\"ghost\",\"attempts\":[]}");
        List<QuizGrade> grades = QuizGrading.gradeAll(root);
        assertThat(grades).extracting(QuizGrade::quiz).containsExactly("broken", "kinds", "ghost");
        QuizGrade broken = grades.get(0);
        assertThat(broken.maxPoints()).isZero();
        assertThat(broken.problems()).contains("quizzes/banks/broken.quiz:2: question \"a\" has no \"prompt:\"");
        QuizGrade kinds = grades.get(1);
        assertThat(kinds.attempted()).isFalse();
        assertThat(kinds.maxPoints()).isEqualTo(10);
        assertThat(kinds.problems()).singleElement().asString()
                .startsWith("quizzes/attempts/kinds.json: not a valid attempts file:");
        assertThat(grades.get(2).problems()).singleElement().asString().contains("no bank");
        assertThat(QuizGrading.maxPointsAll(root)).isEqualTo(10);
    }

    @Test
    @DisplayName("the attempts file keeps every attempt, in order, and reads back what was written")
    void storeRoundTrip() throws Exception {
        Bank bank = kinds();
        AttemptStore store = new AttemptStore(Repo.attemptsDir(root));
        Map<String, String> a = answers("pick-one", "b", "type-it", null);
        store.append("kinds", attempt(bank.checksum(), 1, a));
        store.append("kinds", attempt(bank.checksum(), 0, answers()));
        List<Attempt> back = store.load("kinds");
        assertThat(back).hasSize(2);
        assertThat(back.get(0)).isEqualTo(attempt(bank.checksum(), 1, a));
        assertThat(back.get(0).answers()).containsEntry("type-it", null);
        assertThat(Files.readString(store.fileFor("kinds"))).contains("\"attempts\" : [").endsWith("}\n");
    }

    @Test
    @DisplayName("an empty repository grades to an empty list")
    void emptyRepo() throws Exception {
        assertThat(QuizGrading.gradeAll(root)).isEmpty();
        assertThat(QuizGrading.maxPointsAll(root)).isZero();
    }
}
