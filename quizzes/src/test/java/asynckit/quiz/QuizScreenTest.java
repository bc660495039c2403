package asynckit.quiz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The quiz screen's fixes from the learner trial: a deliberate choice before an answer, scoring said up
 * front, code wrapped at token boundaries at 60 columns with the header kept in view, a redraw on
 * resize, and picking a quiz from the list.
 */
@DisplayName("Quiz screen")
class QuizScreenTest {
    static final String CLEAR = "\033[H\033[2J";
    static final String ENTER = "\r";
    static final String DOWN = "\033[B";

    static final String LONG_CODE = """
            # a narrow-screen bank
            title: A quiz whose title is long enough to need cutting on a narrow terminal screen
            shuffle-questions: no

            ## long-code single
            points: 1
            concept: gather-all-of
            lesson: exercise 03
            prompt: What does this line do, and why is it written with allOf rather than a loop of joins over
              every future in the list?
            ```java
            CompletableFuture<List<String>> pages = CompletableFuture.allOf(futures.toArray(new CompletableFuture[0])).thenApply(done -> futures.stream().map(CompletableFuture::resultNow).toList());
            ```
            - [x] It waits for every future without blocking, then reads each result in input order.
            - [ ] It blocks the calling thread until every page has arrived, one after another.
            - [ ] It fails at once with the first failure and cancels the other fetches still running.
            explain: allOf completes when all are done; resultNow never blocks after that.
            """;

    /** A terminal on byte streams that the test types into while the runner runs. */
    static final class Tty implements AutoCloseable {
        final ByteArrayOutputStream screen = new ByteArrayOutputStream();
        final PipedOutputStream typing = new PipedOutputStream();
        final Terminal terminal;

        Tty(int width, int height) throws Exception {
            PipedInputStream keyboard = new PipedInputStream(typing, 64 * 1024);
            terminal = new ExternalTerminal("test", "xterm-256color", keyboard, screen, StandardCharsets.UTF_8);
            terminal.setSize(new Size(width, height));
            terminal.enterRawMode();
        }

        void type(String keys) throws Exception {
            typing.write(keys.getBytes(StandardCharsets.UTF_8));
            typing.flush();
        }

        String raw() {
            synchronized (screen) {
                return screen.toString(StandardCharsets.UTF_8);
            }
        }

        /** The frames drawn so far, each without its colours. */
        List<String> frames() {
            List<String> out = new ArrayList<>();
            for (String f : raw().split(java.util.regex.Pattern.quote(CLEAR))) {
                if (!f.isBlank()) {
                    out.add(f.replaceAll("\033\\[[0-9;?]*[A-Za-z]", "").replace("\r", ""));
                }
            }
            return out;
        }

        void awaitFrames(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (frames().size() < n && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(frames().size()).as("frames drawn").isGreaterThanOrEqualTo(n);
        }

        @Override
        public void close() throws Exception {
            typing.close();
            terminal.close();
        }
    }

    private static Session session(String bank) throws BankException {
        return new Session(new QuizPlan(Fixtures.parse(bank), 1), "interactive", Instant.now());
    }

    @Test
    @DisplayName("an Enter too many after the feedback does not answer the next question: a choice comes first")
    void deliberateChoice() throws Exception {
        Session session = session(Fixtures.EVERY_KIND);
        QuizPlan.Shown first = session.plan().questions().get(0);
        int right = first.numberOf(1);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (Tty tty = new Tty(100, 40)) {
                // Enter alone is refused; then answer; past the feedback; an extra Enter; then stop.
                tty.type(ENTER + right + ENTER + ENTER + ENTER + "q");
                new InteractiveRunner(tty.terminal).run(session);
                String screen = String.join("", tty.frames());
                assertThat(screen).contains("Choose an option first (up/down or its number), then press Enter.",
                        "Tick at least one option");
            }
        });
        assertThat(session.toAttempt(false, Instant.now()).answers())
                .containsEntry("pick-one", "b")
                .containsEntry("tick-some", null);
    }

    @Test
    @DisplayName("at 60 columns code wraps at token boundaries, no line is wider than the screen, the header stays in view")
    void narrowScreen() throws Exception {
        Session session = session(LONG_CODE);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (Tty tty = new Tty(60, 14)) {
                tty.type(DOWN + ENTER + ENTER);
                new InteractiveRunner(tty.terminal).run(session);
                List<String> frames = tty.frames();
                for (String frame : frames.subList(0, frames.size() - 1)) {
                    List<String> lines = Arrays.asList(frame.split("\n", -1));
                    assertThat(lines).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(60));
                    assertThat(lines.size()).as("lines of one frame").isLessThanOrEqualTo(14);
                    assertThat(lines.get(0)).startsWith("A quiz whose title is long").endsWith("...");
                    assertThat(lines.get(1)).startsWith("Question 1 of 1");
                }
                assertThat(frames.get(0)).contains("lines below (PgUp/PgDn)");
                // the highlighted option is scrolled into view
                assertThat(frames.get(1)).contains(" > 1) ");
            }
        });
    }

    @Test
    @DisplayName("code lines are cut only between tokens, never inside a name")
    void codeWrapsAtTokens() {
        String line = "CompletableFuture<List<String>> pages = CompletableFuture.allOf(futures.toArray(new"
                + " CompletableFuture[0])).thenApply(done -> futures.stream().map(CompletableFuture::resultNow).toList());";
        List<String> parts = InteractiveRunner.wrapCode(line, 40);
        assertThat(parts).hasSizeGreaterThan(2).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(40));
        int at = 0;
        for (String part : parts) {
            String p = part.strip();
            boolean spaced = false;
            while (line.charAt(at) == ' ') {
                at++;
                spaced = true;
            }
            assertThat(line.startsWith(p, at)).as("\"" + p + "\" is the next piece of the line").isTrue();
            if (at > 0 && !spaced) {
                assertThat(Character.isLetterOrDigit(line.charAt(at - 1)) && Character.isLetterOrDigit(p.charAt(0)))
                        .as("cut inside a name before \"" + p + "\"").isFalse();
            }
            at += p.length();
        }
        assertThat(at).isEqualTo(line.length());
        assertThat(InteractiveRunner.wrapCode("    short();", 40)).containsExactly("    short();");
    }

    @Test
    @DisplayName("a resize draws the screen again at the new width, without waiting for a key")
    void resize() throws Exception {
        Session session = session(LONG_CODE);
        try (Tty tty = new Tty(100, 40)) {
            CompletableFuture<Boolean> done = CompletableFuture.supplyAsync(
                    () -> new InteractiveRunner(tty.terminal).run(session));
            tty.awaitFrames(1);
            assertThat(tty.frames().get(0)).containsPattern("(?m)^.{61,}$");
            tty.terminal.setSize(new Size(60, 40));
            tty.terminal.raise(Terminal.Signal.WINCH);
            tty.awaitFrames(2);
            assertThat(Arrays.asList(tty.frames().get(1).split("\n")))
                    .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(60));
            tty.type("q");
            assertThat(done.get(10, TimeUnit.SECONDS)).isFalse();
        }
    }

    @Test
    @DisplayName("the quiz list is a menu: a number, or the arrows and Enter, picks a quiz; q leaves")
    void pickFromList() throws Exception {
        List<QuizGrade> grades = List.of(
                new QuizGrade("event-loop", "The event loop: one thread, a queue, and tasks that take turns", 3, 6,
                        true, false, List.of()),
                new QuizGrade("composition", "Composition", 0, 8, false, false, List.of()));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (Tty tty = new Tty(60, 20)) {
                tty.type("2");
                assertThat(new InteractiveRunner(tty.terminal).pick(grades)).isEqualTo("composition");
                assertThat(tty.frames().get(0)).contains("1) event-loop (best 3/6)", "2) composition (not taken)",
                        "up/down or a number to choose, Enter to start, q to quit");
            }
            try (Tty tty = new Tty(60, 20)) {
                tty.type(ENTER + DOWN + ENTER);
                assertThat(new InteractiveRunner(tty.terminal).pick(grades)).isEqualTo("event-loop");
                assertThat(String.join("", tty.frames())).contains("Choose a quiz first");
            }
            try (Tty tty = new Tty(60, 20)) {
                tty.type("q");
                assertThat(new InteractiveRunner(tty.terminal).pick(grades)).isNull();
            }
        });
    }
}
