package asynckit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Taking a learner's files: only what they write, never through a link")
class IntakeTest {
    @TempDir
    Path dir;

    private Inventory inventory() {
        return new Inventory(Map.of(), Map.of(), List.of(new Inventory.ExerciseSpec("01-demo", "01 Demo",
                "exercises/01-demo", 5, List.of(), Map.of("src/main/java/demo/Given.java", "00"),
                List.of("demo/Mine.java"), List.of())));
    }

    private Path kit() throws IOException {
        Path kit = dir.resolve("kit");
        Path main = Files.createDirectories(kit.resolve("exercises/01-demo/src/main/java/demo"));
        Files.writeString(main.resolve("Given.java"), "package demo; public interface Given {}");
        Files.writeString(main.resolve("Mine.java"), "package demo; public class Mine {} // stub");
        Files.createDirectories(kit.resolve("quizzes/banks"));
        Files.writeString(kit.resolve("quizzes/banks/loop.quiz"), "bank");
        return kit;
    }

    @Test
    @DisplayName("the learner's file is taken, the given file comes from the kit, anything else is left out and said")
    void onlyLearnerWrites() throws IOException {
        Path learner = dir.resolve("learner");
        Path main = Files.createDirectories(learner.resolve("exercises/01-demo/src/main/java/demo"));
        Files.writeString(main.resolve("Mine.java"), "package demo; public class Mine {} // mine");
        Files.writeString(main.resolve("Given.java"), "package demo; public interface Given { void more(); }");
        Files.writeString(main.resolve("Helper.java"), "package demo; class Helper {}");
        Path shadow = Files.createDirectories(learner.resolve("exercises/01-demo/src/main/java/org/junit"));
        Files.writeString(shadow.resolve("Assert.java"), "package org.junit; class Assert {}");

        Intake.Result r = Intake.take(learner, kit(), inventory(), dir.resolve("out"));

        Intake.ExerciseFiles ex = r.exercises().get("01-demo");
        assertThat(Files.readString(ex.sources().resolve("demo/Mine.java"))).endsWith("// mine");
        assertThat(Files.readString(ex.sources().resolve("demo/Given.java"))).doesNotContain("more");
        assertThat(ex.sources().resolve("demo/Helper.java")).doesNotExist();
        assertThat(ex.notes()).anyMatch(n -> n.contains("demo/Helper.java") && n.contains("not a file"));
        assertThat(ex.flags()).anyMatch(f -> f.contains("org/junit/Assert.java") && f.contains("package org.junit"));
    }

    @Test
    @DisplayName("a link at any level of the path is refused with a flag, and the stub is graded")
    void linksAtEveryLevel() throws IOException {
        Path classmate = Files.createDirectories(dir.resolve("classmate/exercises/01-demo/src/main/java/demo"));
        Files.writeString(classmate.resolve("Mine.java"), "package demo; public class Mine {} // classmate's");
        Path learner = Files.createDirectories(dir.resolve("learner/exercises/01-demo"));
        Files.createSymbolicLink(learner.resolve("src"), dir.resolve("classmate/exercises/01-demo/src"));

        Intake.Result r = Intake.take(dir.resolve("learner"), kit(), inventory(), dir.resolve("out"));

        Intake.ExerciseFiles ex = r.exercises().get("01-demo");
        assertThat(Files.readString(ex.sources().resolve("demo/Mine.java"))).endsWith("// stub");
        assertThat(ex.flags()).singleElement().asString().contains("refused a link at exercises/01-demo/src");
    }

    @Test
    @DisplayName("quiz attempts: a file over 2 MB and attempts at a quiz the kit does not have are left out, with a note")
    void quizAttempts() throws IOException {
        Path attempts = Files.createDirectories(dir.resolve("learner/quizzes/attempts"));
        Files.writeString(attempts.resolve("loop.json"), "x".repeat(3 * 1024 * 1024));
        Files.writeString(attempts.resolve("nosuch.json"), "{}");

        Intake.Result r = Intake.take(dir.resolve("learner"), kit(), inventory(), dir.resolve("out"));

        assertThat(r.notes()).anyMatch(n -> n.contains("loop.json is larger than 2 MB"))
                .anyMatch(n -> n.contains("no quiz 'nosuch'"));
        assertThat(r.flags()).isEmpty();
        assertThat(r.quizRoot().resolve("quizzes/attempts/nosuch.json")).doesNotExist();
    }
}
