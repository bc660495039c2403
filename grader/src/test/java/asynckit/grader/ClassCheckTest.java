package asynckit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Checking the learner's compiled classes before they run")
class ClassCheckTest {
    @TempDir
    Path dir;

    private ClassCheck.Findings check(String pkg, String name, String source) throws IOException {
        Path file = dir.resolve("src").resolve(pkg.replace('.', '/')).resolve(name + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        JavaCompile.Result r = JavaCompile.compile(List.of(file), Set.of(file), List.of(), dir.resolve("classes"),
                Runtime.version().feature());
        assertThat(r.errors()).isEmpty();
        return ClassCheck.check(dir.resolve("classes"), r.learnerClasses(), List.of("demo"));
    }

    @Test
    @DisplayName("plain async code with lambdas, records, switches and string concatenation is clean")
    void cleanCode() throws IOException {
        ClassCheck.Findings f = check("demo", "Fine", """
                package demo;
                import java.util.List;
                import java.util.concurrent.CompletableFuture;
                public final class Fine {
                    record Pair(String a, int b) {}
                    public CompletableFuture<List<String>> all(List<CompletableFuture<String>> in) {
                        Object o = new Pair("x", 1);
                        String s = switch (o) { case Pair p -> p.a() + p.b(); default -> "?"; };
                        assert s != null;
                        return CompletableFuture.allOf(in.toArray(CompletableFuture[]::new))
                                .thenApply(v -> in.stream().map(CompletableFuture::join).toList());
                    }
                }
                """);
        assertThat(f.refused()).isEmpty();
        assertThat(f.flagged()).isEmpty();
    }

    @Test
    @DisplayName("reflection and stack inspection are refused, process starts and file writes flagged")
    void refusedAndFlagged() throws IOException {
        ClassCheck.Findings f = check("demo", "Sly", """
                package demo;
                public final class Sly {
                    void a(Object o) throws Exception { o.getClass().getDeclaredField("x").setAccessible(true); }
                    boolean b() { return new Throwable().getStackTrace().length > 3; }
                    void c() throws Exception { new ProcessBuilder("true").start(); }
                    void d() throws Exception { java.nio.file.Files.writeString(java.nio.file.Path.of("x"), "y"); }
                    void e() { System.setOut(null); }
                }
                """);
        assertThat(String.join("\\n", f.refused())).contains("reflection").contains("stack inspection")
                .contains("changes the test JVM's settings or output");
        assertThat(f.flagged()).anyMatch(s -> s.startsWith("Sly starts other processes"))
                .anyMatch(s -> s.startsWith("Sly writes files"));
    }

    @Test
    @DisplayName("a class outside the exercise's packages is refused, whatever file it came from")
    void foreignPackage() throws IOException {
        ClassCheck.Findings f = check("asynckit.testkit", "Overlap", """
                package asynckit.testkit;
                public final class Overlap { }
                """);
        assertThat(f.refused()).singleElement().asString().contains("asynckit.testkit.Overlap");
    }
}
