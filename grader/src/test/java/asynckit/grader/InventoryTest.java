package asynckit.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Inventory of expected tests, points and checksums")
class InventoryTest {
    static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    @DisplayName("derived from the kit itself: every exercise's tests add up to its manifest's points")
    void derivedFromTheKit() throws IOException {
        Inventory inventory = Inventory.derive(ROOT);
        assertThat(inventory.exercises()).isNotEmpty();
        for (Inventory.ExerciseSpec e : inventory.exercises()) {
            assertThat(e.problems()).as(e.id()).isEmpty();
            assertThat(e.testPoints()).as(e.id() + " points").isEqualTo(e.maxPoints());
            assertThat(e.tests()).allSatisfy(t -> assertThat(t.points()).as(t.name()).isPositive());
            assertThat(e.learnerWrites()).as(e.id()).isNotEmpty();
            assertThat(e.files()).as(e.id()).containsKeys("pom.xml", "exercise.yaml");
            e.learnerWrites().forEach(f -> assertThat(e.files()).doesNotContainKey("src/main/java/" + f));
        }
        assertThat(inventory.shared()).containsKeys("pom.xml", "mvnw", ".mvn/maven.config", "exercises/testkit/pom.xml");
    }

    @Test
    @DisplayName("points that do not add up to the manifest's total are said plainly; the manifest's total counts")
    void pointsThatDoNotAddUp() throws IOException {
        Path kit = dir.resolve("kit");
        Path ex = Files.createDirectories(kit.resolve("exercises/07-demo"));
        Files.writeString(ex.resolve("exercise.yaml"), """
                title: Demo
                summary: a demo
                points: 25
                learner-writes: [demo/Demo.java]
                hints: [one]
                blocking-calls: {points: 2, hint: one}
                mistakes:
                  - {id: wrong, what: it is wrong., hint: one}
                """);
        Files.createDirectories(ex.resolve("src/test/java/demo"));
        Files.writeString(ex.resolve("src/test/java/demo/DemoTest.java"), """
                package demo;
                import org.junit.jupiter.api.Test;
                import asynckit.testkit.Points;
                class DemoTest implements asynckit.testkit.NoBlockingCalls {
                    @Test @Points(20) void works() {}
                }
                """);
        Inventory.ExerciseSpec e = Inventory.derive(kit).exercises().get(0);
        assertThat(e.maxPoints()).isEqualTo(25);
        assertThat(e.testPoints()).isEqualTo(22);
        assertThat(e.tests()).extracting(Inventory.TestSpec::method).containsExactly("works", "noBlockingCalls");
        assertThat(e.tests().get(1).name()).isEqualTo(asynckit.course.Manifest.BLOCKING_CHECK_NAME);
        assertThat(e.problems()).singleElement().asString().contains("worth 22 points").contains("says 25");
    }

    @Test
    @DisplayName("read from source: nested classes, display names (also concatenated), method names, points")
    void parsesTestSources() throws IOException {
        Path file = dir.resolve("SampleTest.java");
        Files.writeString(file, """
                package demo;
                import org.junit.jupiter.api.*;
                import asynckit.testkit.Points;
                @DisplayName("Demo: " + "sample")
                class SampleTest {
                    @Test @Points(3) @DisplayName("works " + "well") void works() {}
                    @Test void noPoints() {}
                    void helper() {}
                    @Nested @DisplayName("inner group") class Inner {
                        @org.junit.jupiter.api.Test @asynckit.testkit.Points(value = 2) void deep() {}
                        @Nested class Deeper { @Test @Points(1) void deeper() {} }
                    }
                    class NotNested { @Test void ignored() {} }
                    record R(int x) { }
                    sealed interface S permits A {}
                    record A() implements S {}
                    static String sw(Object o) { return switch (o) { case A a -> "a"; default -> "?"; }; }
                }
                """);

        List<Inventory.TestSpec> tests = InventoryGenerator.tests(file);

        assertThat(tests).containsExactly(
                new Inventory.TestSpec("demo.SampleTest", "Demo: sample", "works", "works well", 3),
                new Inventory.TestSpec("demo.SampleTest", "Demo: sample", "noPoints", "noPoints", 0),
                new Inventory.TestSpec("demo.SampleTest$Inner", "inner group", "deep", "deep", 2),
                new Inventory.TestSpec("demo.SampleTest$Inner$Deeper", "Deeper", "deeper", "deeper", 1));
    }

    @Test
    @DisplayName("parameterized tests are refused with a clear message (one result per scored method)")
    void refusesParameterized() throws IOException {
        Path file = dir.resolve("ParamTest.java");
        Files.writeString(file, """
                package demo;
                class ParamTest { @org.junit.jupiter.params.ParameterizedTest void p(int x) {} }
                """);
        assertThatThrownBy(() -> InventoryGenerator.tests(file)).hasMessageContaining("plain @Test methods only");
    }

    @Test
    @DisplayName("checksums ignore line endings, and a changed, added or deleted file is named")
    void checksums() {
        assertThat(Checksums.sha256("a\r\nb\r\n".getBytes())).isEqualTo(Checksums.sha256("a\nb\n".getBytes()));
        assertThat(Inventory.changed(java.util.Map.of("a", "1", "b", "2"), java.util.Map.of("a", "9", "c", "3")))
                .containsExactly("a", "b (deleted)", "c (added)");
    }
}
