package asynckit.quiz;

import java.util.List;

/**
 * The grade of one quiz: the best saved attempt, re-scored against the current bank.
 *
 * @param quiz        the bank's name ({@code event-loop})
 * @param title       the bank's title (the name when the bank cannot be read)
 * @param points      points of the best attempt, re-scored; 0 when not attempted
 * @param maxPoints   sum of the bank's question points (0 when the bank cannot be read)
 * @param attempted   whether at least one attempt is saved
 * @param bankChanged whether the best attempt was taken against another version of the bank
 * @param problems    human-readable problems (malformed bank or attempts file, score mismatches)
 * @param sealed      the bank here is sealed (a learner's starter copy of a graded quiz): the attempts are
 *                    recorded but cannot be scored here; {@code points} is 0 and the teacher's grader scores them
 */
public record QuizGrade(String quiz, String title, int points, int maxPoints, boolean attempted,
                        boolean bankChanged, List<String> problems, boolean sealed) {

    public QuizGrade(String quiz, String title, int points, int maxPoints, boolean attempted, boolean bankChanged,
                     List<String> problems) {
        this(quiz, title, points, maxPoints, attempted, bankChanged, problems, false);
    }
}
