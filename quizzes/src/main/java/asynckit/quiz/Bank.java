package asynckit.quiz;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A parsed, valid bank file.
 *
 * @param name             the file name without {@code .quiz}: the quiz's name on the command line
 * @param checksum         SHA-256 (hex) of the file with line endings normalised to LF
 * @param shuffleQuestions whether the runner shuffles the question order (options are always shuffled)
 * @param graded           {@code graded: yes}: a starter export ships this bank sealed, and the teacher scores it
 * @param sealed           {@code sealed: yes}: the bank as a learner's copy has it, without keys or explanations
 *                         ({@link Sealer}); its answers are recorded, not scored
 */
public record Bank(String name, String title, Path file, String checksum, boolean shuffleQuestions,
                   List<Question> questions, boolean graded, boolean sealed) {

    public int maxPoints() {
        return questions.stream().mapToInt(Question::points).sum();
    }

    public Optional<Question> question(String id) {
        return questions.stream().filter(q -> q.id().equals(id)).findFirst();
    }
}
