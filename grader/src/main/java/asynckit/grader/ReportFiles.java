package asynckit.grader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Writes every format of one report into a folder (and the Actions job summary when there is one). */
public final class ReportFiles {
    private ReportFiles() {}

    public static List<Path> write(Report report, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        written.add(write(dir.resolve("report.txt"), TerminalReport.render(report) + report.summaryLine() + "\n"));
        written.add(write(dir.resolve("report.md"), MarkdownReport.render(report)));
        written.add(write(dir.resolve("report.json"), JsonSupport.pretty(report)));
        written.add(write(dir.resolve("report.html"), HtmlReport.render(report)));
        written.add(write(dir.resolve("gradescope/results.json"), GradescopeReport.render(report)));
        Path classroom = dir.resolve("classroom");
        if (Files.isDirectory(classroom)) {
            FileTrees.deleteTree(classroom);
        }
        ClassroomReport.Policy policy = ClassroomReport.Policy.fromEnvironment(System.getenv(),
                report.exercises().stream().map(Report.Exercise::id).toList());
        List<ClassroomReport.Runner> runners = ClassroomReport.runners(report, policy);
        StringBuilder env = new StringBuilder();
        for (ClassroomReport.Runner runner : runners) {
            write(classroom.resolve("results/" + runner.id() + ".json"), runner.json() + "\n");
            env.append(runner.envLine()).append('\n');
        }
        write(classroom.resolve("runners.txt"), ClassroomReport.runnerList(runners) + "\n");
        write(classroom.resolve("summary.txt"), ClassroomReport.summary(report, policy) + "\n");
        written.add(write(classroom.resolve("env"), env.toString()));
        String summary = System.getenv("GITHUB_STEP_SUMMARY");
        if (summary != null && !summary.isBlank()) {
            Files.writeString(Path.of(summary), MarkdownReport.render(report) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        return written;
    }

    static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
