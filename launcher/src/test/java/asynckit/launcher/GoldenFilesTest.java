package asynckit.launcher;

import asynckit.engine.TestClassPath;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each command's output, as transcripts of a learner's session on a small fixture kit
 * (src/test/resources/fixture-kit: two tiny exercises that are not real lessons, so the goldens change
 * only when the launcher does). {@code -Dgolden.update=true} rewrites the golden files.
 */

// The testkit on this class path sets a 30 s default per test; these run whole exercises.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@DisplayName("./kit output (golden files)")
class GoldenFilesTest {
    static final Path FIXTURE = KitCopy.ROOT.resolve("launcher/src/test/resources/fixture-kit");
    static final Path GOLDEN = KitCopy.ROOT.resolve("launcher/src/test/resources/golden");
    static final String ADDER = "exercises/01-adding/src/main/java/fixture/adding/Adder.java";

    @TempDir
    Path kit;

    private final StringBuilder transcript = new StringBuilder();

    private void setUp() throws IOException {
        KitCopy.copyTree(FIXTURE, kit);
    }

    private int kit(String... args) throws IOException {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        int code = Main.run(args, kit, TestClassPath.defaults(), out, InputStream.nullInputStream(), Style.PLAIN);
        out.flush();
        transcript.append(("$ ./kit " + String.join(" ", args)).strip()).append('\n')
                .append(text.toString().replaceAll("\\d{8}-\\d{6}", "YYYYMMDD-HHMMSS"))
                .append("[exit ").append(code).append("]\n\n");
        return code;
    }

    private void write(String rel, String text) throws IOException {
        Files.writeString(kit.resolve(rel), text);
    }

    private static String adder(String body) {
        return "package fixture.adding;\n\npublic final class Adder {\n    public int add(int a, int b) {\n        "
                + body + "\n    }\n}\n";
    }

    private void assertGolden(String name) throws IOException {
        Path file = GOLDEN.resolve(name + ".txt");
        String actual = transcript.toString();
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual);
        }
        assertThat(file).as("golden file " + file + " (write it with -Dgolden.update=true)").exists();
        assertThat(actual).isEqualTo(Files.readString(file));
    }

    @Test
    @DisplayName("first steps: the list, the stub's test run, hints one at a time, all hints")
    void firstSteps() throws IOException {
        setUp();
        assertThat(kit()).isZero();
        assertThat(kit("test", "01")).isEqualTo(1);
        kit("hint", "01");
        kit("hint", "01");
        kit("hint", "01");
        kit("hint", "01", "1");
        kit("hint", "01", "--all");
        kit("list");
        assertGolden("first-steps");
    }

    @Test
    @DisplayName("a wrong attempt, the solution refused, a right attempt, the solution shown, the next exercise")
    void wrongThenRight() throws IOException {
        setUp();
        write(ADDER, adder("return a == 0 && b == 0 ? 0 : a + b + 1;"));
        assertThat(kit("test", "01")).isEqualTo(1);
        assertThat(kit("solution", "01")).isEqualTo(1);
        write(ADDER, adder("return a + b;"));
        assertThat(kit("test", "1")).isZero();
        assertThat(kit("solution", "01-adding")).isZero();
        kit("list");
        assertGolden("wrong-then-right");
    }

    @Test
    @DisplayName("code that does not compile, and tests that no longer compile against it")
    void compileErrors() throws IOException {
        setUp();
        write(ADDER, adder("return a + b"));
        assertThat(kit("test", "01")).isEqualTo(1);
        write(ADDER, "package fixture.adding;\n\npublic final class Adder {\n    public int plus(int a, int b) {\n"
                + "        return a + b;\n    }\n}\n");
        assertThat(kit("test", "01")).isEqualTo(1);
        assertGolden("compile-errors");
    }

    @Test
    @DisplayName("reset puts the kit's stub back even after the learner committed, and keeps their code")
    void reset() throws Exception {
        setUp();
        KitCopy.git(kit, "init", "-q");
        KitCopy.git(kit, "add", "-A");
        KitCopy.git(kit, "commit", "-q", "-m", "the kit");
        String mine = adder("return a + b; // mine");
        write(ADDER, mine);
        KitCopy.git(kit, "commit", "-q", "-am", "my work");
        assertThat(kit("reset", "01")).isZero();
        assertThat(Files.readString(kit.resolve(ADDER))).contains("Not written yet");
        try (var backups = Files.list(kit.resolve(".kit/backup"))) {
            Path backup = backups.findFirst().orElseThrow();
            assertThat(Files.readString(backup.resolve("fixture/adding/Adder.java"))).isEqualTo(mine);
        }
        kit("reset", "01");
        kit("list");
        assertGolden("reset");
    }

    @Test
    @DisplayName("a classroom copy without solutions says it has none")
    void noSolutions() throws IOException {
        setUp();
        KitCopy.copy(FIXTURE.resolve("solutions/01-adding/src/main/java/fixture/adding/Adder.java"), kit.resolve(ADDER));
        deleteTree(kit.resolve("solutions"));
        kit("solution", "01");
        assertGolden("no-solutions");
    }

    @Test
    @DisplayName("wrong command lines: one sentence and the usage, exit 2")
    void usage() throws IOException {
        setUp();
        assertThat(kit("tset", "01")).isEqualTo(2);
        assertThat(kit("test")).isEqualTo(2);
        assertThat(kit("test", "09")).isEqualTo(2);
        assertThat(kit("hint", "01", "7")).isEqualTo(2);
        assertThat(kit("help")).isZero();
        assertGolden("usage");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
