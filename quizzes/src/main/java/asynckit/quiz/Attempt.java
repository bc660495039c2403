package asynckit.quiz;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Map;

/**
 * One saved attempt, as stored in {@code quizzes/attempts/NAME.json} (see quizzes/README.md).
 *
 * @param bankChecksum SHA-256 of the bank the attempt was taken against
 * @param answers      question id to canonical answer ({@link Scoring}); {@code null} = not answered
 * @param score        the score the runner computed; informative only, graders re-score {@code answers}
 * @param complete     false when the quiz was left early (end of input, q or Ctrl-C)
 * @param mode         how the answers were given: {@code interactive}, {@code plain} or {@code answers-file}
 * @param sealed       taken on a sealed (graded) bank: {@code answers} name options by their letters in the sealed
 *                     file, {@code score} is 0 (the runner cannot score it; the teacher's grader does)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"bankChecksum", "seed", "mode", "startedAt", "finishedAt", "score", "maxScore", "complete",
        "answers", "sealed"})
public record Attempt(String bankChecksum, long seed, String mode, String startedAt, String finishedAt, int score,
                      int maxScore, boolean complete, Map<String, String> answers, boolean sealed) {

    @JsonCreator
    public Attempt {
    }

    /** An attempt on a bank with its keys (a practice quiz, or any quiz in the teacher's kit). */
    public Attempt(String bankChecksum, long seed, String mode, String startedAt, String finishedAt, int score,
                   int maxScore, boolean complete, Map<String, String> answers) {
        this(bankChecksum, seed, mode, startedAt, finishedAt, score, maxScore, complete, answers, false);
    }
}
