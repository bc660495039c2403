package asynckit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every output format of one fixed report against its golden file. After an intended change, rewrite
 * them with {@code ./mvnw -q verify -Pselftest -pl grader -Dgrader.updateGolden=true} and review the diff.
 */
@DisplayName("Golden files: every output format")
class GoldenFilesTest {
    static final Path SOURCE = Path.of(System.getProperty("kit.root", "..")).resolve("grader/src/test/resources/golden");

    @TestFactory
    List<DynamicTest> everyFormat() {
        Report report = Samples.report();
        List<ClassroomReport.Runner> runners = ClassroomReport.runners(report);
        return List.of(
                golden("report.txt", report, r -> TerminalReport.render(r) + r.summaryLine() + "\n"),
                golden("report.md", report, MarkdownReport::render),
                golden("report.json", report, JsonSupport::pretty),
                golden("report.html", report, HtmlReport::render),
                golden("gradescope-results.json", report, GradescopeReport::render),
                golden("classroom-runners.txt", report, r -> ClassroomReport.runnerList(runners) + "\n"),
                golden("classroom-ex01t2.json", report, r -> runners.get(1).json() + "\n"),
                golden("classroom-ex02t1.json", report, r -> runners.get(6).json() + "\n"),
                golden("classroom-quiz1.json", report, r -> runners.stream()
                        .filter(x -> x.id().equals("quiz1")).findFirst().orElseThrow().json() + "\n"));
    }

    private static DynamicTest golden(String file, Report report, Function<Report, String> render) {
        return DynamicTest.dynamicTest(file, () -> {
            String actual = render.apply(report);
            if (Boolean.getBoolean("grader.updateGolden")) {
                Files.createDirectories(SOURCE);
                Files.writeString(SOURCE.resolve(file), actual, StandardCharsets.UTF_8);
            }
            assertThat(actual).as("output differs from golden/" + file + " (rewrite with -Dgrader.updateGolden=true"
                    + " after an intended change)").isEqualTo(read(file));
        });
    }

    private static String read(String file) throws IOException {
        try (InputStream in = GoldenFilesTest.class.getResourceAsStream("/golden/" + file)) {
            if (in == null) {
                return "<missing golden file " + file + ">";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        }
    }

    @org.junit.jupiter.api.Test
    @DisplayName("our JSON reads back into the same report")
    void jsonRoundTrip() {
        Report report = Samples.report();
        assertThat(JsonSupport.readReport(JsonSupport.pretty(report))).isEqualTo(report);
    }
}
