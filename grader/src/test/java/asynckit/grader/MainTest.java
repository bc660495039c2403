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

    @Test
    @DisplayName("batch: a shard that is not i/n, or no cohort folder, is refused before anything is built")
    void badBatchArguments() {
        Run shard = run("batch", temp.toString(), "--shard", "3/2", "--root", Learners.ROOT.toString());
        assertThat(shard.code()).isEqualTo(2);
        assertThat(shard.err()).contains("--shard 3/2: the shard is i/n with 1 <= i <= n");
        Run none = run("batch", "--root", Learners.ROOT.toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("name the cohort folder");
        Run progress = run("batch", temp.toString(), "--progress", "sometimes", "--root", Learners.ROOT.toString());
        assertThat(progress.code()).isEqualTo(2);
        assertThat(progress.err()).contains("--progress sometimes: bar, plain or auto");
    }

    @Test
    @DisplayName("batch merge: the shards' folders into one CSV, JSON and cohort page; a folder without batch.json is"
            + " named")
    void batchMerge() throws java.io.IOException {
        Path one = java.nio.file.Files.createDirectories(temp.resolve("one"));
        Path two = java.nio.file.Files.createDirectories(temp.resolve("two"));
        java.nio.file.Files.writeString(one.resolve("batch.json"), JsonSupport.pretty(BatchTest.summary("1/2", "k",
                java.util.List.of(BatchTest.row("ada", 25, java.util.Map.of(), Batch.Marks.NONE)))));
        java.nio.file.Files.writeString(two.resolve("batch.json"), JsonSupport.pretty(BatchTest.summary("2/2", "k",
                java.util.List.of(BatchTest.row("bob", 5, java.util.Map.of(), Batch.Marks.NONE)))));
        Run merged = run("batch", "merge", one.toString(), two.toString(), "--out", temp.resolve("all").toString());
        assertThat(merged.code()).as(merged.err()).isZero();
        assertThat(merged.out()).contains("Graded 2 learners").contains("over 2 shards").contains("cohort.html");
        assertThat(temp.resolve("all/cohort.html")).isRegularFile();
        Run missing = run("batch", "merge", one.toString(), temp.resolve("nowhere").toString(), "--out",
                temp.resolve("bad").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nowhere holds no batch.json");
    }
}
