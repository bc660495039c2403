package asynckit.quiz;

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
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"bankChecksum", "seed", "mode", "startedAt", "finishedAt", "score", "maxScore", "complete",
        "answers"})
public record Attempt(String bankChecksum, long seed, String mode, String startedAt, String finishedAt, int score,
                      int maxScore, boolean complete, Map<String, String> answers) {
}
