package asynckit.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the grader shows beside a quiz's score: attempts, their modes, the counted attempt by question. */
class QuizBreakdownTest {
    @TempDir
    Path root;

    static Attempt attempt(String checksum, String mode, Map<String, String> answers) {
        return new Attempt(checksum, 1, mode, "2026-11-21T05:00:00Z", "2026-11-21T05:03:00Z", 0, 10, true, answers);
    }

    @Test
    @DisplayName("counts attempts and their modes, and shows the counted (best) attempt question by question")
    void breakdown() throws Exception {
        Bank bank = Repo.load(root, Fixtures.bank(root, "kinds", Fixtures.EVERY_KIND));
        AttemptStore store = new AttemptStore(Repo.attemptsDir(root));
        store.append("kinds", attempt(bank.checksum(), "interactive", QuizGradingTest.answers("pick-one", "c")));
        store.append("kinds", attempt(bank.checksum(), QuizBreakdown.ANSWERS_FILE,
                QuizGradingTest.answers("pick-one", "b", "tick-some", "a")));
        store.append("kinds", attempt(bank.checksum(), null, QuizGradingTest.answers()));

        QuizBreakdown b = QuizBreakdown.of(root, "kinds");

        assertThat(b.attempts()).isEqualTo(3);
        assertThat(b.modes()).containsExactly("interactive", QuizBreakdown.ANSWERS_FILE, "unknown");
        assertThat(b.answersFileAttempts()).isEqualTo(1);
        assertThat(b.countedNumber()).isEqualTo(2);
        assertThat(b.countedMode()).isEqualTo(QuizBreakdown.ANSWERS_FILE);
        assertThat(b.questions()).extracting(QuizBreakdown.QuestionResult::id).containsExactlyElementsOf(
                bank.questions().stream().map(Question::id).toList());
        assertThat(b.questions().get(0)).isEqualTo(new QuizBreakdown.QuestionResult("pick-one", "gather-all-of", 1, 1,
                "right"));
        assertThat(b.questions().get(1).result()).isEqualTo("wrong");
        assertThat(b.questions().get(2).result()).isEqualTo("unanswered");
        assertThat(b.questions().stream().mapToInt(QuizBreakdown.QuestionResult::points).sum())
                .isEqualTo(QuizGrading.gradeAll(root).get(0).points());
    }

    @Test
    @DisplayName("no attempts, or a bank that cannot be read: an empty breakdown, never an exception")
    void nothingToShow() throws Exception {
        Fixtures.bank(root, "kinds", Fixtures.EVERY_KIND);
        QuizBreakdown none = QuizBreakdown.of(root, "kinds");
        assertThat(none.attempts()).isZero();
        assertThat(none.countedMode()).isNull();
        assertThat(none.questions()).allSatisfy(q -> assertThat(q.result()).isEqualTo("unanswered"));

        Files.writeString(Repo.banksDir(root).resolve("broken.quiz"), "not a bank\n");
        assertThat(QuizBreakdown.of(root, "broken").questions()).isEmpty();
        assertThat(QuizBreakdown.of(root, "missing")).isEqualTo(new QuizBreakdown("missing", 0, List.of(), null, 0,
                List.of()));
    }
}
