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
    @DisplayName("the committed inventory matches the pristine tree (else: regenerate with the command it names)")
    void committedInventoryIsCurrent() throws IOException {
        Inventory fresh = InventoryGenerator.generate(ROOT);
        Inventory bundled = Inventory.bundled();
        assertThat(bundled.toJson())
                .as("the inventory is stale: tests, points or checksums changed. Regenerate it with: "
                        + Inventory.REGENERATE)
                .isEqualTo(fresh.toJson());
    }

    @Test
    @DisplayName("the kit's exercises carry 25 points each")
    void pointsPerExercise() {
        for (Inventory.ExerciseSpec e : Inventory.bundled().exercises()) {
            assertThat(e.maxPoints()).as(e.id() + " points").isEqualTo(25);
            assertThat(e.tests()).allSatisfy(t -> assertThat(t.points()).as(t.name()).isPositive());
        }
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
