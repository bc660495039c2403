package asynckit.grader;

import asynckit.quiz.QuizGrade;
import asynckit.quiz.QuizGrading;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** Connects the grader to the quizzes module: every saved attempt re-scored against its bank. */
final class Quizzes {
    private Quizzes() {}

    static QuizSource source() {
        return root -> {
            if (!Files.isDirectory(root.resolve("quizzes/banks"))) {
                return List.of();
            }
            try {
                return QuizGrading.gradeAll(root).stream().map(Quizzes::row).toList();
            } catch (IOException e) {
                throw new UncheckedIOException("the quizzes could not be graded: " + e.getMessage(), e);
            }
        };
    }

    static Report.Quiz row(QuizGrade g) {
        return new Report.Quiz(g.quiz(), g.title(), g.points(), g.maxPoints(), g.attempted(), g.bankChanged(), true,
                List.copyOf(g.problems()), g.sealed());
    }
}
