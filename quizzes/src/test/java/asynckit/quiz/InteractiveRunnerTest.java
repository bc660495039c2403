package asynckit.quiz;

import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import org.jline.terminal.Size;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The interactive runner driven through a JLine terminal on byte streams (no real terminal needed):
 * the same key sequences a person types. The real-terminal check is done by hand under tmux.
 */
class InteractiveRunnerTest {
    static final String DOWN = "\033[B";
    static final String UP = "\033[A";
    static final String ENTER = "\r";

    record Run(Session session, boolean complete, String screen) {
    }

    static Run drive(Bank bank, long seed, String keys) throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Session session = new Session(new QuizPlan(bank, seed), "interactive", Instant.now());
        boolean[] complete = new boolean[1];
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            PipedOutputStream typing = new PipedOutputStream();
            PipedInputStream keyboard = new PipedInputStream(typing, 64 * 1024);
            try (Terminal terminal = new ExternalTerminal("test", "xterm-256color", keyboard, screen,
                    StandardCharsets.UTF_8)) {
                terminal.setSize(new Size(100, 40));
                terminal.enterRawMode(); // as a real terminal would be by the time the keys are typed
                typing.write(keys.getBytes(StandardCharsets.UTF_8));
                typing.flush();
                complete[0] = new InteractiveRunner(terminal).run(session);
                typing.close();
            }
        });
        String text = screen.toString(StandardCharsets.UTF_8).replaceAll("\033\\[[0-9;?]*[A-Za-z]", "");
        return new Run(session, complete[0], text);
    }

    @Test
    @DisplayName("arrows, space, number keys, typed text and Enter answer every kind; feedback and score follow")
    void everyKindByKeys() throws Exception {
        Bank bank = Fixtures.parse(Fixtures.EVERY_KIND);
        QuizPlan plan = new QuizPlan(bank, 1);
        StringBuilder keys = new StringBuilder();
        for (QuizPlan.Shown s : plan.questions()) {
            Question q = s.question();
            switch (q.kind()) {
                case SINGLE -> {
                    // nothing is chosen at first: the first down arrow goes to option 1
                    keys.append(DOWN.repeat(s.numberOf(q.correct().iterator().next()))).append(ENTER);
                }
                case MULTI -> {
                    // a number moves to a wrong option, space ticks and unticks it; then the arrows and space tick each right one
                    int wrong = 0;
                    for (int i = 0; i < q.options().size(); i++) {
                        if (!q.correct().contains(i)) {
                            wrong = s.numberOf(i);
                        }
                    }
                    keys.append(wrong).append("  ");
                    int at = wrong;
                    for (int i : q.correct()) {
                        int n = s.numberOf(i);
                        keys.append(n > at ? DOWN.repeat(n - at) : UP.repeat(at - n)).append(' ');
                        at = n;
                    }
                    keys.append(ENTER);
                }
                case TRUE_FALSE -> keys.append(q.truth() ? "1" : "2").append(ENTER);
                case SHORT -> keys.append("thenCompose").append(ENTER);
                case ORDER -> {
                    keys.append(s.numberOf(1)).append("\177"); // pick a wrong first line, take it back
                    for (int i = 0; i < q.options().size(); i++) {
                        keys.append(s.numberOf(i));
                    }
                    keys.append(ENTER);
                }
                case OUTPUT -> keys.append(s.numberOf(q.correct().iterator().next())).append(ENTER);
            }
            keys.append(ENTER); // past the feedback
        }
        Run run = drive(bank, 1, keys.toString());
        assertThat(run.complete()).isTrue();
        assertThat(run.session().score()).isEqualTo(10);
        assertThat(run.screen()).contains("Question 1 of 6", "Question 6 of 6", "tick all that apply", "Correct! +3",
                "up/down or a number to move, space to tick or untick, Enter to confirm",
                "Scored all or nothing: 2 points when you tick every right option and no wrong one",
                "Scored all or nothing: 2 points when every line is in its place",
                "It only signals completion.", "Your order:", "10 / 10 points", "6 of 6 questions right")
                .doesNotContain("Incorrect", "To review");
    }

    @Test
    @DisplayName("a wrong answer shows the right one; q stops the quiz and the rest is unanswered")
    void wrongThenQuit() throws Exception {
        Bank bank = Fixtures.parse(Fixtures.EVERY_KIND);
        QuizPlan.Shown first = new QuizPlan(bank, 4).questions().get(0);
        int wrong = first.numberOf(0); // option a is wrong
        Run run = drive(bank, 4, " " + wrong + ENTER + ENTER + "q");
        assertThat(run.complete()).isFalse();
        assertThat(run.session().score()).isZero();
        assertThat(run.screen()).contains("Incorrect. The answer:",
                first.numberOf(1) + ") A CompletableFuture<Void>",
                "Space ticks options in \"tick all that apply\" questions",
                "Stopped early", "To review:");
        assertThat(run.session().toAttempt(false, Instant.now()).answers())
                .containsEntry("pick-one", "a").containsEntry("tick-some", null);
    }

    @Test
    @DisplayName("a sealed (graded) quiz: each answer goes straight to the next question, no key, no score at the end")
    void sealedQuizRecordsOnly() throws Exception {
        Bank full = Fixtures.parse(Fixtures.EVERY_KIND);
        Bank sealed = BankParser.parse("test", java.nio.file.Path.of("test.quiz"), "test.quiz", Sealer.seal(full));
        // single: 1; multi: 1 then space; truefalse: 1; short: typed; order: 1 2 3; output: 1
        String keys = "1" + ENTER + "1 " + ENTER + "1" + ENTER + "thenApply" + ENTER + "123" + ENTER + "1" + ENTER;
        Run run = drive(sealed, 5, keys);
        assertThat(run.complete()).isTrue();
        assertThat(run.session().answeredCount()).isEqualTo(6);
        assertThat(run.session().score()).isZero();
        assertThat(run.screen()).contains("graded: your teacher scores it", "Answered 6 of 6 questions.",
                "your teacher scores it").doesNotContain("Correct", "Incorrect", "Score:", "It only signals");
        assertThat(run.session().toAttempt(true, Instant.now()).sealed()).isTrue();
    }
}
