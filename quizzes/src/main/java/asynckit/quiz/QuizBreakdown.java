package asynckit.quiz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a teacher reads beside a quiz's score: how many attempts were saved and how each was made, and the
 * counted (best) attempt question by question, each with its concept. The counted attempt is the one
 * {@link QuizGrading} scores (the best re-scored attempt; on a tie, one taken against the current bank).
 *
 * @param quiz          the bank's name
 * @param attempts      how many attempts are saved (0 when none, or when the attempts file cannot be read)
 * @param modes         each saved attempt's mode, oldest first ({@code interactive}, {@code plain},
 *                      {@code answers-file}; {@code unknown} when the file does not say)
 * @param countedMode   the mode of the counted attempt (null when there is none)
 * @param countedNumber the counted attempt's number, 1 for the oldest (0 when there is none)
 * @param questions     the bank's questions in file order, each as the counted attempt answered it (empty when
 *                      the bank cannot be read)
 */
public record QuizBreakdown(String quiz, int attempts, List<String> modes, String countedMode, int countedNumber,
                            List<QuestionResult> questions) {

    /** The mode an attempt made with {@code --answers FILE} records. */
    public static final String ANSWERS_FILE = "answers-file";

    /**
     * @param result {@code right}, {@code wrong} or {@code unanswered}
     */
    public record QuestionResult(String id, String concept, int points, int maxPoints, String result) {}

    public QuizBreakdown {
        modes = List.copyOf(modes);
        questions = List.copyOf(questions);
    }

    /** How many saved attempts were made from an answers file. */
    public int answersFileAttempts() {
        return (int) modes.stream().filter(ANSWERS_FILE::equals).count();
    }

    /** The breakdown of one quiz of the repository at {@code root}; never throws for a malformed file. */
    public static QuizBreakdown of(Path root, String quiz) {
        Path file = Repo.banksDir(root).resolve(quiz + ".quiz");
        List<Attempt> attempts;
        try {
            attempts = new AttemptStore(Repo.attemptsDir(root)).load(quiz);
        } catch (IOException e) {
            attempts = List.of();
        }
        List<String> modes = attempts.stream().map(a -> a.mode() == null || a.mode().isBlank() ? "unknown" : a.mode())
                .toList();
        Bank bank = null;
        if (Files.isRegularFile(file)) {
            try {
                bank = Repo.load(root, file);
            } catch (BankException | IOException e) {
                bank = null;
            }
        }
        if (bank == null || bank.sealed()) {
            // No bank, or a sealed one (a learner's copy of a graded quiz): no keys to score questions by.
            return new QuizBreakdown(quiz, attempts.size(), modes, null, 0, List.of());
        }
        int best = QuizGrading.counted(bank, attempts);
        Attempt counted = best < 0 ? null : attempts.get(best);
        List<QuestionResult> questions = new ArrayList<>();
        for (Question q : bank.questions()) {
            java.util.Map<String, String> answers = counted == null ? null : QuizGrading.answers(bank, counted);
            String answer = answers == null ? null : answers.get(q.id());
            int points = Scoring.points(q, answer);
            String result = answer == null || answer.isBlank() ? "unanswered" : points > 0 ? "right" : "wrong";
            questions.add(new QuestionResult(q.id(), q.concept(), points, q.points(), result));
        }
        return new QuizBreakdown(quiz, attempts.size(), modes, counted == null ? null : modes.get(best), best + 1,
                questions);
    }
}
