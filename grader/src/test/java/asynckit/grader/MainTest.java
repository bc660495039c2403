package asynckit.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Command line: exit codes and refusals")
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
    @DisplayName("a malformed inventory file: exit 2, and the message names the file")
    void malformedInventory() throws IOException {
        Path inv = Files.writeString(temp.resolve("inventory.json"), "{ not json");
        Run r = run("grade", "--root", Learners.ROOT.toString(), "--inventory", inv.toString(),
                "--out", temp.resolve("out").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("inventory.json is not a readable inventory");
    }

    @Test
    @DisplayName("inventory --check: 0 when current")
    void inventoryCheck() {
        Run r = run("inventory", "--root", Learners.ROOT.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("up to date");
    }

    @Test
    @DisplayName("instructor mode refuses a kit that is not pristine (it would grade against other tests)")
    void refusesNonPristineKit() throws IOException {
        Path kit = temp.resolve("kit");
        Learners.copy(Learners.ROOT.resolve("exercises"), kit.resolve("exercises"));
        Files.copy(Learners.ROOT.resolve("pom.xml"), kit.resolve("pom.xml"));
        if (Files.isDirectory(Learners.ROOT.resolve("quizzes/banks"))) {
            Learners.copy(Learners.ROOT.resolve("quizzes/banks"), kit.resolve("quizzes/banks"));
        }
        Path test = kit.resolve(Inventory.bundled().exercises().get(0).module()).resolve("pom.xml");
        Files.writeString(test, "<!-- edited -->\n", StandardOpenOption.APPEND);

        Workspace ws = new Workspace(kit, temp.resolve("ws"), Inventory.bundled());
        assertThatThrownBy(() -> ws.prepare(temp)).hasMessageContaining("is not pristine")
                .hasMessageContaining("pom.xml");
    }
}
