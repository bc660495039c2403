package asynckit.grader;

import asynckit.quiz.QuizBreakdown;
import asynckit.quiz.QuizGrade;
import asynckit.quiz.QuizGrading;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
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
                return QuizGrading.gradeAll(root).stream().map(g -> row(g, QuizBreakdown.of(root, g.quiz()))).toList();
            } catch (IOException e) {
                throw new UncheckedIOException("the quizzes could not be graded: " + e.getMessage(), e);
            }
        };
    }

    static Report.Quiz row(QuizGrade g, QuizBreakdown b) {
        List<String> flags = new ArrayList<>();
        int fromFile = b.answersFileAttempts();
        if (fromFile > 0) {
            boolean counted = QuizBreakdown.ANSWERS_FILE.equals(b.countedMode());
            flags.add((fromFile == b.attempts() ? (fromFile == 1 ? "the attempt was" : "all " + fromFile + " attempts were")
                    : fromFile + " of " + b.attempts() + " attempts " + (fromFile == 1 ? "was" : "were")) + " made from an answers file (./kit quiz "
                    + g.quiz() + " --answers FILE), not answered question by question" + (counted
                    ? (fromFile == b.attempts() ? "" : "; the counted attempt is one of them")
                    : "; the counted attempt is not"));
        }
        List<Report.QuizQuestion> questions = g.attempted() ? b.questions().stream().map(q -> new Report.QuizQuestion(
                q.id(), q.concept(), q.points(), q.maxPoints(), q.result())).toList() : List.of();
        return new Report.Quiz(g.quiz(), g.title(), g.points(), g.maxPoints(), g.attempted(), g.bankChanged(), true,
                List.copyOf(g.problems()), b.attempts(), b.modes(), b.countedMode(), flags, questions,
                g.sealed());
    }
}
