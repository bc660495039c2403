package asynckit.quiz;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bank question marked {@code runnable: Name} is checked against a real run of {@link Snippets}:
 * an ordering question's lines must be exactly what the snippet printed, in that order; the right option of
 * an output question must be the printed lines joined with " / ".
 */
class SnippetsTest {

    record Runnable(Bank bank, Question question) {
    }

    static List<Runnable> runnables() throws Exception {
        Path root = AllBanksTest.repoRoot();
        List<Runnable> out = new ArrayList<>();
        for (Path file : Repo.bankFiles(root)) {
            Bank bank = Repo.load(root, file);
            bank.questions().stream().filter(q -> q.runnable() != null).forEach(q -> out.add(new Runnable(bank, q)));
        }
        return out;
    }

    /** Runs a snippet on a thread named "main" (some snippets print the thread's name) and returns its lines. */
    static List<String> run(String name) throws Exception {
        Snippets.Snippet snippet = Snippets.ALL.get(name);
        assertThat(snippet).as("a snippet named " + name + " in Snippets.ALL").isNotNull();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread main = new Thread(() -> {
            try {
                snippet.run(out);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "main");
        main.start();
        main.join(10_000);
        assertThat(main.isAlive()).as(name + " finished within 10 s").isFalse();
        if (failure.get() != null) {
            throw new AssertionError(name + " threw", failure.get());
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @TestFactory
    @DisplayName("each runnable question's key matches what its code really prints")
    List<DynamicTest> keysMatchRealRuns() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Runnable r : runnables()) {
            Question q = r.question();
            tests.add(DynamicTest.dynamicTest(r.bank().name() + "/" + q.id() + " (" + q.runnable() + ")", () -> {
                List<String> printed = run(q.runnable());
                if (q.kind() == Kind.ORDER) {
                    assertThat(q.options()).isEqualTo(printed);
                } else {
                    int right = q.correct().iterator().next();
                    assertThat(q.options().get(right)).isEqualTo(String.join(" / ", printed));
                    assertThat(q.options()).as("exactly one option matches the real output")
                            .filteredOn(o -> o.equals(String.join(" / ", printed))).hasSize(1);
                }
            }));
        }
        assertThat(tests).hasSizeGreaterThanOrEqualTo(10);
        return tests;
    }

    @Test
    @DisplayName("every snippet belongs to a question, and every code question of kind output is runnable")
    void noStaleSnippets() throws Exception {
        Set<String> used = new TreeSet<>();
        runnables().forEach(r -> used.add(r.question().runnable()));
        assertThat(used).isEqualTo(Snippets.ALL.keySet());
    }

    @Test
    @DisplayName("snippets print the same thing every time (no races)")
    void deterministic() throws Exception {
        for (String name : List.of("WhichThreadRunsContinuations", "CancelDoesNotInterrupt", "OneThreadNoInterleaving")) {
            List<String> first = run(name);
            for (int i = 0; i < 20; i++) {
                assertThat(run(name)).as(name).isEqualTo(first);
            }
        }
    }
}
