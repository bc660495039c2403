package asynckit.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CourseTest {
    static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();

    private static Manifest parse(String yaml) throws IOException {
        return Course.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "09-demo", "09-demo/exercise.yaml");
    }

    private static final String GOOD = """
            title: Demo
            summary: a demo
            points: 25
            learner-writes: [asynckit/ex09/Demo.java]
            hints: [first, second]
            blocking-calls: {points: 2, hint: second}
            mistakes:
              - {id: one-at-a-time, what: it waited., hint: first}
            """;

    @Test
    void readsEveryExerciseOfTheKitInOrder() throws IOException {
        List<Manifest> course = Course.discover(ROOT);
        assertThat(course).isNotEmpty();
        assertThat(course).extracting(Manifest::number).isSorted();
        assertThat(course.get(0).id()).isEqualTo("01-waiting-problem");
        assertThat(course.get(0).learnerClasses()).containsExactly("asynckit.ex01.PageFetcher");
        assertThat(course.get(0).hintNumber("start-every-call")).isEqualTo(2);
    }

    @Test
    void aSoundManifest() throws IOException {
        Manifest m = parse(GOOD);
        assertThat(m.fullTitle()).isEqualTo("09 Demo");
        assertThat(m.lesson()).isEqualTo("exercises/09-demo/README.md");
        assertThat(m.mistake("one-at-a-time")).isPresent();
        assertThat(Course.find(List.of(m), "9")).isSameAs(m);
    }

    @Test
    void everyProblemIsNamedWithItsFile() {
        assertThatThrownBy(() -> parse(GOOD.replace("hint: first}", "hint: third}").replace("points: 25", "points: 0")))
                .hasMessageStartingWith("09-demo/exercise.yaml: ")
                .hasMessageContaining("points: must be a positive")
                .hasMessageContaining("one-at-a-time points at hint 'third'");
        assertThatThrownBy(() -> parse(GOOD + "colour: red\n"))
                .hasMessageContaining("09-demo/exercise.yaml: not a readable manifest")
                .hasMessageContaining("colour");
        assertThatThrownBy(() -> parse("title: [unclosed"))
                .hasMessageContaining("not a readable manifest");
    }

    @Test
    void discoveryReportsEveryBrokenManifestAndIgnoresFoldersWithout(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("exercises/testkit"));
        Files.createDirectories(root.resolve("exercises/01-a"));
        Files.createDirectories(root.resolve("exercises/02-b"));
        Files.writeString(root.resolve("exercises/01-a/exercise.yaml"), "title: A\n");
        Files.writeString(root.resolve("exercises/02-b/exercise.yaml"), "points: x\n");
        assertThatThrownBy(() -> Course.discover(root))
                .hasMessageContaining("01-a/exercise.yaml")
                .hasMessageContaining("02-b/exercise.yaml");
    }
}
