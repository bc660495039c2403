package asynckit.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("./kit export gradescope: the autograder zip")
class GradescopeExportTest {
    static final Path KIT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path temp;

    private static void git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.email=t@example.org", "-c", "user.name=t"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    private static void write(Path root, String path, String text, boolean executable) throws IOException {
        Path f = root.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        if (executable) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static List<String> names(Path zip) throws IOException {
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            List<String> names = new ArrayList<>();
            Collections.list(z.getEntries()).forEach(e -> names.add(e.getName()));
            return names;
        }
    }

    private static int mode(Path zip, String name) throws IOException {
        try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
            ZipArchiveEntry e = z.getEntry(name);
            assertThat(e).as(name).isNotNull();
            return e.getUnixMode() & 0777;
        }
    }

    @Test
    @DisplayName("the last commit without solutions/ and quiz attempts; setup.sh and run_autograder at the root, executable")
    void fromTheLastCommit() throws Exception {
        Path kit = temp.resolve("kit");
        write(kit, "mvnw", "#!/bin/sh\n", true);
        write(kit, "pom.xml", "<project/>", false);
        write(kit, "grader/gradescope/setup.sh", "#!/bin/bash\n", true);
        write(kit, "grader/gradescope/run_autograder", "#!/bin/bash\n", true);
        write(kit, "solutions/01/src/main/java/A.java", "class A {}", false);
        write(kit, "quizzes/attempts/README.md", "attempts", false);
        write(kit, "quizzes/attempts/event-loop.json", "{}", false);
        write(kit, "quizzes/banks/event-loop.quiz", "title: x", false);
        git(kit, "init", "-q");
        git(kit, "add", "-A");
        git(kit, "commit", "-qm", "kit");
        write(kit, "pom.xml", "<project>changed</project>", false);

        GradescopeExport.Result r = GradescopeExport.write(kit, temp.resolve("out/autograder.zip"));
        List<String> names = names(r.zip());
        assertThat(names).contains("setup.sh", "run_autograder", "mvnw", "pom.xml", "quizzes/banks/event-loop.quiz",
                "quizzes/attempts/README.md", "grader/gradescope/setup.sh");
        assertThat(names).noneMatch(n -> n.startsWith("solutions")).doesNotContain("quizzes/attempts/event-loop.json");
        assertThat(mode(r.zip(), "setup.sh")).isEqualTo(0755);
        assertThat(mode(r.zip(), "run_autograder")).isEqualTo(0755);
        assertThat(mode(r.zip(), "mvnw")).isEqualTo(0755);
        assertThat(mode(r.zip(), "pom.xml")).isEqualTo(0644);
        assertThat(r.uncommittedChanges()).isTrue();
        assertThat(GradescopeExport.describe(r)).contains("uncommitted changes", "setup.sh and run_autograder at its root");
        assertThat(temp.resolve("out/autograder.zip.partial")).doesNotExist();
    }

    @Test
    @DisplayName("no git history, or no Gradescope scripts: a clear error and no zip")
    void refusals() throws Exception {
        Path plain = Files.createDirectories(temp.resolve("plain"));
        assertThatThrownBy(() -> GradescopeExport.write(plain, temp.resolve("a.zip")))
                .hasMessageContaining("not a git repository");
        Path bare = temp.resolve("bare");
        write(bare, "pom.xml", "<project/>", false);
        git(bare, "init", "-q");
        git(bare, "add", "-A");
        git(bare, "commit", "-qm", "kit");
        assertThatThrownBy(() -> GradescopeExport.write(bare, temp.resolve("b.zip")))
                .hasMessageContaining("no grader/gradescope/");
        assertThat(temp.resolve("b.zip")).doesNotExist();
    }

    @Test
    @DisplayName("./kit export gradescope on this kit: a zip with its scripts at the root and no solution")
    void thisKit() throws Exception {
        StringWriter text = new StringWriter();
        int code = Main.export(new String[] {"gradescope", temp.resolve("kit.zip").toString()}, KIT,
                new PrintWriter(text, true));
        assertThat(code).as(text.toString()).isZero();
        List<String> names = names(temp.resolve("kit.zip"));
        assertThat(names).contains("setup.sh", "run_autograder", "grader/pom.xml", "exercises/pom.xml")
                .noneMatch(n -> n.startsWith("solutions/"));
        StringWriter usage = new StringWriter();
        assertThat(Main.export(new String[] {"gradescope"}, KIT, new PrintWriter(usage, true))).isEqualTo(2);
        assertThat(usage.toString()).contains("usage: ./kit export gradescope FILE.zip");
    }
}
