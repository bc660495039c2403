package asynckit.grader;

import java.nio.file.Path;
import java.util.List;

/** Where quiz rows come from: the quizzes module re-scores each saved attempt against its bank. */
@FunctionalInterface
public interface QuizSource {
    List<Report.Quiz> grade(Path repoRoot);

    QuizSource NONE = root -> List.of();
}
