package asynckit.quiz;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One attempt in progress: the plan, the answers given so far, and saving at the end. */
public final class Session {
    private final QuizPlan plan;
    private final String mode;
    private final Instant started;
    private final Map<String, String> answers = new LinkedHashMap<>();

    public Session(QuizPlan plan, String mode, Instant started) {
        this.plan = plan;
        this.mode = mode;
        this.started = started;
    }

    public QuizPlan plan() {
        return plan;
    }

    /** Records a canonical answer; returns whether it is right. */
    public boolean answer(Question q, String canonical) {
        answers.put(q.id(), canonical);
        return !sealed() && Scoring.isCorrect(q, canonical);
    }

    /** A sealed (graded) bank: answers are recorded, never scored or explained here. */
    public boolean sealed() {
        return plan.bank().sealed();
    }

    public int score() {
        return sealed() ? 0 : QuizGrading.rescore(plan.bank(), answers);
    }

    /** Questions with an answer so far. */
    public int answeredCount() {
        return (int) answers.values().stream().filter(a -> a != null).count();
    }

    public int rightCount() {
        return (int) plan.bank().questions().stream().filter(q -> Scoring.isCorrect(q, answers.get(q.id()))).count();
    }

    /** Questions not answered right, in the order they were shown. */
    public List<QuizPlan.Shown> toReview() {
        List<QuizPlan.Shown> out = new ArrayList<>();
        for (QuizPlan.Shown s : plan.questions()) {
            if (!Scoring.isCorrect(s.question(), answers.get(s.question().id()))) {
                out.add(s);
            }
        }
        return out;
    }

    public int number(QuizPlan.Shown shown) {
        return plan.questions().indexOf(shown) + 1;
    }

    public Attempt toAttempt(boolean complete, Instant finished) {
        Map<String, String> all = new LinkedHashMap<>();
        for (Question q : plan.bank().questions()) {
            all.put(q.id(), answers.get(q.id()));
        }
        return new Attempt(plan.bank().checksum(), plan.seed(), mode,
                started.truncatedTo(ChronoUnit.SECONDS).toString(),
                finished.truncatedTo(ChronoUnit.SECONDS).toString(),
                score(), plan.bank().maxPoints(), complete, all, plan.bank().sealed());
    }

    public Attempt save(AttemptStore store, boolean complete) throws IOException {
        Attempt a = toAttempt(complete, Instant.now());
        store.append(plan.bank().name(), a);
        return a;
    }

    public Path savedTo(AttemptStore store) {
        return store.fileFor(plan.bank().name());
    }
}
