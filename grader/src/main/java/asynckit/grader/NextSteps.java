package asynckit.grader;

import java.util.ArrayList;
import java.util.List;

/** What the report suggests doing next: the first unfinished exercises, then quizzes not yet taken. */
final class NextSteps {
    private NextSteps() {}

    static List<String> of(List<Report.Exercise> exercises, List<Report.Quiz> quizzes) {
        List<String> steps = new ArrayList<>();
        for (Report.Exercise e : exercises) {
            if (!e.testsIntact()) {
                steps.add(e.title() + ": restore its tests and pom.xml (git checkout -- " + e.module()
                        + "/src/test " + e.module() + "/pom.xml); changed tests score 0.");
            }
        }
        int shown = 0;
        for (Report.Exercise e : exercises) {
            if (e.testsIntact() && e.points() < e.maxPoints() && shown < 3) {
                shown++;
                String action = switch (e.outcome()) {
                    case DID_NOT_COMPILE -> "make it compile";
                    case REFUSED -> "remove what was refused (see the report), then solve it with the exercise's own code";
                    case TIMED_OUT, JVM_ENDED_EARLY -> "find the code that never ends or ends the JVM";
                    default -> e.passed() == 0 ? "read the lesson, then write the code in " + e.module()
                            + "/src/main/java" : "fix the first failing test";
                };
                steps.add(e.title() + " (" + e.points() + "/" + e.maxPoints() + "): " + action + ". Lesson: "
                        + e.module() + "/README.md; run: ./mvnw test -pl " + e.module());
            }
        }
        List<Report.Quiz> untaken = new ArrayList<>();
        for (Report.Quiz q : quizzes) {
            if (!q.bankIntact()) {
                steps.add("Quiz " + q.quiz() + ": restore its bank (git checkout -- quizzes/banks/" + q.quiz()
                        + ".quiz); a changed bank scores 0.");
            } else if (!q.attempted()) {
                untaken.add(q);
            }
        }
        if (untaken.size() == 1) {
            Report.Quiz q = untaken.get(0);
            steps.add("Quiz " + q.quiz() + " (" + q.maxPoints() + " points): ./kit quiz " + q.quiz());
        } else if (!untaken.isEmpty()) {
            steps.add(untaken.size() + " quizzes not taken yet (" + untaken.stream().mapToInt(Report.Quiz::maxPoints).sum()
                    + " points): ./kit quiz lists them, ./kit quiz " + untaken.get(0).quiz() + " starts the first");
        }
        return steps;
    }
}
