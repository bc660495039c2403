package asynckit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Command line: exit codes and refusals")
@org.junit.jupiter.api.parallel.ResourceLock(Main.CONTEXT_LOCK)
class MainTest {
    @TempDir
    Path temp;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("a learner repository that does not exist: exit 2 with one clear sentence")
    void missingLearner() {
        Run r = run("instructor", temp.resolve("nobody").toString(), "--root", Learners.ROOT.toString(),
                "--work", temp.resolve("ws").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("grader: grading could not run: not a folder:");
    }

    @Test
    @DisplayName("a work folder inside the kit is refused (learner code could reach the kit from there)")
    void workInsideTheKit() {
        Run r = run("instructor", temp.toString(), "--root", Learners.ROOT.toString(), "--work",
                Learners.ROOT.resolve(".kit/grade-work").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("must be outside the kit");
    }
}
