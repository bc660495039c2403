package asynckit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the reports derive from the model: mistakes, quiz breakdowns, the HTML headline and layout. */
@DisplayName("Report model: mistakes named, quiz breakdowns, the HTML headline and layout")
class ReportModelTest {

    @Test
    @DisplayName("mistake ids come from the 'Mistake [id] [id]:' tags of failure messages, each once per message")
    void mistakeIds() {
        assertThat(Report.mistakeIds("Mistake [one-at-a-time] [blocked-the-caller]: it waited.\n  [not-a-tag] here"))
                .containsExactly("one-at-a-time", "blocked-the-caller");
        assertThat(Report.mistakeIds("wrapped: Mistake [a1]: x\nMistake [a1]: again")).containsExactly("a1");
        assertThat(Report.mistakeIds("expected [1, 2] but was [2, 1]")).isEmpty();
        assertThat(Report.mistakeIds(null)).isEmpty();
    }

    @Test
    @DisplayName("a quiz's attempts line, concepts and flags; not attempted says so")
    void quizBreakdown() {
        Report.Quiz q = Samples.report().quizzes().get(0);
        assertThat(q.attemptsLine()).isEqualTo("3 attempts (interactive, answers-file, plain); counted: answers-file");
        assertThat(q.concepts()).containsExactly(new Report.QuizConcept("async-basics", 4, 6, 1, 2),
                new Report.QuizConcept("gather-all-of", 3, 3, 1, 1), new Report.QuizConcept("async-sleep", 0, 1, 0, 1));
        assertThat(q.answersFileAttempts()).isEqualTo(1);
        assertThat(q.notices().get(0)).startsWith("flagged: 1 of 3 attempts was made from an answers file");
        assertThat(Samples.report().quizzes().get(1).attemptsLine()).isEqualTo("not attempted");
    }

    @Test
    @DisplayName("the HTML headline is the exercises' subtotal, never mixed with quizzes; a message gets its own row")
    void htmlHeadlineAndLayout() {
        Report sample = Samples.report();
        String html = HtmlReport.render(sample);
        assertThat(html).contains("<h1>Exercises: 10 / 75 points (13 %)</h1>")
                .contains("<strong>Quizzes: 7 / 21 (33 %)</strong> &middot; Total: 17 / 96 (17 %)")
                .contains("<title>Scored report: exercises 10/75, quizzes 7/21</title>")
                .contains("<span class=\"none\">not attempted &middot; 5 points</span>");
        assertThat(html).as("the test name never shares its row with a long message")
                .doesNotContain("<td class=\"why\">")
                .contains("<tr class=\"msg\"><td></td><td colspan=\"2\"><pre class=\"why\">Mistake [blocked-the-caller]");

        List<Report.Exercise> full = sample.exercises().stream().map(e -> new Report.Exercise(e.id(), e.title(),
                e.module(), e.maxPoints(), e.maxPoints(), e.total(), 0, 0, e.total(), Report.Outcome.GRADED, null, true,
                List.of(), List.of(), List.of(), List.of())).toList();
        Report allExercises = new Report(sample.schema(), sample.version(), sample.generatedAt(), "self", "kit", 1, null,
                null, List.of(), full, sample.quizzes(), Report.Totals.of(full, sample.quizzes()), List.of());
        assertThat(HtmlReport.render(allExercises)).contains("<h1>Exercises: 75 / 75 points (100 %)</h1>");
    }
}
