package asynckit.grader;

import java.util.List;

/** The report as the terminal shows it: a table per exercise, quizzes, totals, next steps, the plain line. */
public final class TerminalReport {
    private static final int WIDTH = 100;

    private TerminalReport() {}

    public static String render(Report r) {
        StringBuilder out = new StringBuilder();
        out.append("Scored report: ").append(r.totals().line(!r.quizzes().isEmpty()))
                .append(r.mode().equals("self") ? "" : " (" + r.mode() + ": " + r.source() + ")").append('\n');
        if (r.kit() != null) {
            out.append("Tests from: ").append(r.kit()).append('\n');
        }
        if (r.sandbox() != null) {
            out.append("Learner code: ").append(r.sandbox()).append('\n');
        }
        for (String note : r.notes()) {
            out.append("Note: ").append(note).append('\n');
        }
        for (Report.Exercise e : r.exercises()) {
            out.append('\n');
            String head = String.format("%-52s %2d/%-2d tests  %3d/%-3d points", cut(e.title(), 52), e.passed(),
                    e.total(), e.points(), e.maxPoints());
            out.append(head);
            if (!e.testsIntact()) {
                out.append("  FLAGGED: tests changed");
            } else if (e.flagged()) {
                out.append("  FLAGGED");
                if (e.outcome() != Report.Outcome.GRADED) {
                    out.append(", ").append(e.outcome().name().replace('_', ' '));
                }
            } else if (e.outcome() != Report.Outcome.GRADED) {
                out.append("  ").append(e.outcome().name().replace('_', ' '));
            }
            out.append('\n');
            for (Report.Test t : e.tests()) {
                out.append(String.format("  %-4s %2d/%-2d  %s%n", mark(t.status()), t.points(), t.maxPoints(),
                        cut(t.name(), WIDTH - 14)));
            }
            for (String flag : e.flags()) {
                out.append("  flagged: ").append(flag).append('\n');
            }
            for (String note : e.notes()) {
                out.append("  note: ").append(note).append('\n');
            }
            if (!e.mistakes().isEmpty()) {
                out.append("  mistakes named: ").append(HtmlReport.mistakeList(e.mistakes())).append('\n');
            }
            String first = e.firstFailure();
            if (!first.isEmpty()) {
                out.append("  first failure: ").append(cut(oneLine(first), 200)).append('\n');
            }
        }
        if (!r.quizzes().isEmpty()) {
            out.append("\nQuizzes\n");
            for (Report.Quiz q : r.quizzes()) {
                String state = !q.bankIntact() ? "FLAGGED: bank changed" : q.sealed() ? q.sealedState()
                        : !q.attempted() ? "not attempted" : q.answersFileAttempts() > 0 ? "FLAGGED: answers file"
                        : q.problems().isEmpty() ? "" : q.problems().get(0);
                out.append(String.format("  %-50s %3d/%-3d points  %s", cut(q.title() == null ? q.quiz() : q.title(),
                        50), q.points(), q.maxPoints(), cut(state, 60)).stripTrailing()).append('\n');
                if (q.attempted()) {
                    out.append("    ").append(q.attemptsLine()).append('\n');
                }
                for (String flag : q.flags()) {
                    out.append("    flagged: ").append(flag).append('\n');
                }
                if (!q.concepts().isEmpty()) {
                    out.append("    by concept: ").append(String.join(", ", q.concepts().stream().map(c -> c.concept()
                            + " " + c.points() + "/" + c.maxPoints()).toList())).append('\n');
                    List<String> missed = q.questions().stream().filter(x -> !"right".equals(x.result()))
                            .map(x -> x.id() + (x.result().equals("unanswered") ? " (unanswered)" : "")).toList();
                    if (!missed.isEmpty()) {
                        out.append("    missed: ").append(String.join(", ", missed)).append('\n');
                    }
                }
            }
        }
        Report.Totals t = r.totals();
        out.append('\n').append(String.format("Exercises: %d/%d points (%d %%)%n", t.exercisePoints(),
                t.exerciseMaxPoints(), t.exercisePercent()));
        if (!r.quizzes().isEmpty()) {
            out.append(String.format("Quizzes:   %d/%d points (%d %%)%n", t.quizPoints(), t.quizMaxPoints(),
                    t.quizPercent()));
        }
        out.append(String.format("Total: %d/%d points (%d %%; exercises %d/%d%s)%s%n", t.points(), t.maxPoints(),
                t.percent(), t.exercisePoints(), t.exerciseMaxPoints(),
                r.quizzes().isEmpty() ? "" : ", quizzes " + t.quizPoints() + "/" + t.quizMaxPoints(),
                t.flagged() > 0 ? "; " + t.flagged() + " flagged" : ""));
        if (!r.mistakes().isEmpty()) {
            out.append("Mistakes the failures named: ").append(HtmlReport.mistakeList(r.mistakes())).append('\n');
        }
        if (!r.nextSteps().isEmpty()) {
            out.append(t.points() == 0 ? "Nothing scores yet. What to do first:\n" : "Next:\n");
            List<String> steps = r.nextSteps();
            for (int i = 0; i < steps.size(); i++) {
                out.append("  ").append(i + 1).append(". ").append(steps.get(i)).append('\n');
            }
        }
        return out.toString();
    }

    static String mark(Report.Status s) {
        return switch (s) {
            case PASSED -> "ok";
            case SKIPPED -> "skip";
            case NOT_RUN -> "--";
            default -> "FAIL";
        };
    }

    static String oneLine(String s) {
        return Messages.flatten(s);
    }

    /** At most {@code max} characters, a hint pointer kept. */
    static String cut(String s, int max) {
        return Messages.cut(s, max);
    }
}
