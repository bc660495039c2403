package asynckit.grader;

/** The report in GitHub-flavoured Markdown (also the Actions job summary). */
public final class MarkdownReport {
    private MarkdownReport() {}

    public static String render(Report r) {
        Report.Totals t = r.totals();
        StringBuilder out = new StringBuilder();
        out.append("# Scored report: exercises ").append(t.exercisePoints()).append('/').append(t.exerciseMaxPoints())
                .append(r.quizzes().isEmpty() ? "" : ", quizzes " + t.quizPoints() + "/" + t.quizMaxPoints())
                .append("\n\n");
        out.append("**Exercises: ").append(t.exercisePoints()).append('/').append(t.exerciseMaxPoints()).append(" (")
                .append(t.exercisePercent()).append(" %)**");
        if (!r.quizzes().isEmpty()) {
            out.append(" &middot; **Quizzes: ").append(t.quizPoints()).append('/').append(t.quizMaxPoints()).append(" (")
                    .append(t.quizPercent()).append(" %)** &middot; **Total: ").append(t.points()).append('/')
                    .append(t.maxPoints()).append(" (").append(t.percent()).append(" %)**");
        }
        out.append("\n\n");
        if (!r.mode().equals("self")) {
            out.append("Graded in ").append(r.mode()).append(" mode: ").append(cell(r.source())).append("\n\n");
        }
        if (r.kit() != null) {
            out.append("Tests from ").append(cell(r.kit())).append(". Learner code ").append(cell(r.sandbox()))
                    .append(".\n\n");
        }
        for (String note : r.notes()) {
            out.append("> ").append(cell(note)).append("\n>\n");
        }
        if (!r.notes().isEmpty()) {
            out.setLength(out.length() - 2);
            out.append('\n');
        }
        out.append("| Exercise | Tests passed | Points | First failure |\n|---|---:|---:|---|\n");
        for (Report.Exercise e : r.exercises()) {
            String flag = !e.testsIntact() ? " :warning: tests changed" : e.flagged() ? " :warning: flagged" : "";
            out.append("| ").append(cell(e.title())).append(flag).append(" | ").append(e.passed()).append('/')
                    .append(e.total()).append(" | ").append(e.points()).append('/').append(e.maxPoints()).append(" | ")
                    .append(cell(TerminalReport.cut(TerminalReport.oneLine(e.firstFailure()), 160))).append(" |\n");
        }
        for (Report.Quiz q : r.quizzes()) {
            String state = !q.bankIntact() ? ":warning: bank changed" : q.sealed() ? q.sealedState()
                    : !q.attempted() ? "not attempted"
                    : q.answersFileAttempts() > 0 ? ":warning: answers file: " + q.attemptsLine() : q.attemptsLine();
            out.append("| Quiz: ").append(cell(q.title() == null ? q.quiz() : q.title())).append(" | ")
                    .append(q.attempted() ? "taken" : "-").append(" | ").append(q.points()).append('/')
                    .append(q.maxPoints()).append(" | ").append(state).append(" |\n");
        }
        out.append("| **Exercises** | **").append(t.passed()).append('/').append(t.passed() + t.failed() + t.skipped())
                .append("** | **").append(t.exercisePoints()).append('/').append(t.exerciseMaxPoints()).append("** | ")
                .append(t.exercisePercent()).append(" % |\n");
        if (!r.quizzes().isEmpty()) {
            out.append("| **Quizzes** | | **").append(t.quizPoints()).append('/').append(t.quizMaxPoints())
                    .append("** | ").append(t.quizPercent()).append(" % |\n");
        }
        out.append("| **Total** | | **").append(t.points()).append('/').append(t.maxPoints()).append("** | ")
                .append(t.percent()).append(" % |\n\n");
        if (!r.mistakes().isEmpty()) {
            out.append("**Mistakes the failures named:** ").append(cell(HtmlReport.mistakeList(r.mistakes())))
                    .append("\n\n");
        }
        for (Report.Exercise e : r.exercises()) {
            out.append("<details><summary>").append(html(e.title())).append(": ").append(e.points()).append('/')
                    .append(e.maxPoints()).append(" points</summary>\n\n");
            if (e.reason() != null) {
                out.append("> ").append(cell(e.reason())).append("\n\n");
            }
            for (String flag : e.flags()) {
                out.append("- :warning: flagged: ").append(cell(flag)).append('\n');
            }
            for (String note : e.notes()) {
                out.append("- note: ").append(cell(note)).append('\n');
            }
            if (!e.mistakes().isEmpty()) {
                out.append("- mistakes named: ").append(cell(HtmlReport.mistakeList(e.mistakes()))).append('\n');
            }
            if (!e.flags().isEmpty() || !e.notes().isEmpty() || !e.mistakes().isEmpty()) {
                out.append('\n');
            }
            out.append("| | Test | Points | Why not |\n|---|---|---:|---|\n");
            for (Report.Test test : e.tests()) {
                String why = test.status() == Report.Status.PASSED ? ""
                        : test.message() != null ? test.message() : test.reason();
                out.append("| ").append(icon(test.status())).append(" | ").append(cell(test.name())).append(" | ")
                        .append(test.points()).append('/').append(test.maxPoints()).append(" | ")
                        .append(cell(TerminalReport.cut(TerminalReport.oneLine(why), 300))).append(" |\n");
            }
            out.append("\n</details>\n\n");
        }
        for (Report.Quiz q : r.quizzes()) {
            if (!q.attempted() && q.bankIntact()) {
                continue;
            }
            out.append("<details><summary>Quiz: ").append(html(HtmlReport.title(q))).append(": ").append(q.points())
                    .append('/').append(q.maxPoints()).append(" points</summary>\n\n");
            out.append(cell(q.attemptsLine())).append("\n\n");
            for (String flag : q.flags()) {
                out.append("- :warning: flagged: ").append(cell(flag)).append('\n');
            }
            for (String problem : q.problems()) {
                out.append("- ").append(cell(problem)).append('\n');
            }
            if (!q.flags().isEmpty() || !q.problems().isEmpty()) {
                out.append('\n');
            }
            if (!q.questions().isEmpty()) {
                out.append("| Concept | Right | Points |\n|---|---:|---:|\n");
                for (Report.QuizConcept c : q.concepts()) {
                    out.append("| ").append(cell(c.concept())).append(" | ").append(c.right()).append('/')
                            .append(c.questions()).append(" | ").append(c.points()).append('/').append(c.maxPoints())
                            .append(" |\n");
                }
                out.append("\n| Question | Concept | Result | Points |\n|---|---|---|---:|\n");
                for (Report.QuizQuestion question : q.questions()) {
                    out.append("| `").append(question.id()).append("` | ").append(cell(question.concept())).append(" | ")
                            .append(question.result()).append(" | ").append(question.points()).append('/')
                            .append(question.maxPoints()).append(" |\n");
                }
            }
            out.append("\n</details>\n\n");
        }
        if (!r.nextSteps().isEmpty()) {
            out.append("## Next steps\n\n");
            for (int i = 0; i < r.nextSteps().size(); i++) {
                out.append(i + 1).append(". ").append(r.nextSteps().get(i)).append('\n');
            }
            out.append('\n');
        }
        out.append("`").append(r.summaryLine()).append("`\n");
        return out.toString();
    }

    private static String icon(Report.Status s) {
        return switch (s) {
            case PASSED -> ":white_check_mark:";
            case SKIPPED -> ":fast_forward:";
            case NOT_RUN -> ":no_entry_sign:";
            default -> ":x:";
        };
    }

    static String cell(String s) {
        if (s == null) {
            return "";
        }
        return html(s).replace("|", "\\|").replaceAll("\\R", " ");
    }

    static String html(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
