package asynckit.grader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The grader's command line. Exit codes: 0 grading finished (whatever the score), 2 grading could not run
 * (bad arguments, missing files, a kit whose tests do not build).
 */
@Command(name = "grader", mixinStandardHelpOptions = true, version = "asynckit grader 2",
        description = "Scores the kit's exercises (and quizzes) into one report in several formats.",
        subcommands = {Main.Grade.class, Main.Instructor.class, Main.BatchCommand.class, Main.ExportCommand.class,
                Main.MavenEntry.class, Gradescope.Run.class})
public final class Main implements Callable<Integer> {
    static final int GRADED = 0;
    static final int CANNOT_GRADE = 2;

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("grader: grading could not run: " + e.getMessage());
            return CANNOT_GRADE;
        });
        cli.setExitCodeExceptionMapper(e -> CANNOT_GRADE);
        Context.out = out;
        Context.err = err;
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(Context.out);
        return GRADED;
    }

    /** Streams for the commands (tests capture them). */
    static final class Context {
        static PrintStream out = System.out;
        static PrintStream err = System.err;
    }

    /** Options every grading command shares. */
    static class Common {
        @Option(names = "--root", description = "the kit's root folder (default: current folder)")
        Path root = Path.of("");
        @Option(names = "--out", description = "where the report files go (default: ROOT/grade-report)")
        Path out;
        @Option(names = "--time-scale", description = "stretches simulated latencies and limits (kit.timeScale)")
        String timeScale = "1";
        @Option(names = "--fork-timeout", description = "seconds before an exercise's test JVM is killed (kit.forkTimeout)")
        int forkTimeout = 300;
        @Option(names = "--test-timeout", description = "JUnit's default timeout per test, e.g. 30s", hidden = true)
        String testTimeout;
        @Option(names = "--sandbox", description = "auto (default), none, bubblewrap or unshare")
        String sandbox = "auto";
        @Option(names = "--only", split = ",", description = "grade only these exercises (ids or numbers)")
        List<String> only = new ArrayList<>();
        @Option(names = "--work", description = "where the grader's own files go (default: a new temporary folder;"
                + " never inside the kit)")
        Path work;

        Path root() {
            return root.toAbsolutePath().normalize();
        }

        Path out() {
            return (out != null ? out : root().resolve("grade-report")).toAbsolutePath().normalize();
        }

        Grader.Settings settings() {
            return new Grader.Settings(timeScale == null || timeScale.isBlank() ? "1" : timeScale, forkTimeout,
                    testTimeout, sandbox, Sandbox.Limits.defaults());
        }

        List<String> only() {
            return only == null ? List.of() : only.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
        }

        Consumer<String> progress() {
            return s -> Context.out.println("grader: " + s);
        }
    }

    static int printAndWrite(Report report, Path out, Path root) throws IOException {
        Context.out.print(TerminalReport.render(report));
        ReportFiles.write(report, out);
        Path shown = out.startsWith(root) ? root.relativize(out) : out;
        Context.out.println("Report: " + shown + "/report.html (also report.md, report.json,"
                + " gradescope/results.json, classroom/)");
        Context.out.println(report.summaryLine());
        return GRADED;
    }

    @Command(name = "grade", description = "Grade this repository (the learner's own clone), checked against a"
            + " reference commit.")
    static final class Grade extends Common implements Callable<Integer> {
        @Option(names = "--reference", description = "the commit the tests are checked against (default:"
                + " KIT_GRADE_REFERENCE, else the merge-base with upstream, else the first commit)")
        String reference;

        @Override
        public Integer call() throws IOException {
            try (Grader grader = Grader.prepare(root(), true, reference, only(), settings(), Quizzes.source(),
                    progress(), work)) {
                IntegrityCheck integrity = IntegrityCheck.of(root(), grader.inventory());
                Report report = grader.grade(root(), "self", root().getFileName() == null ? root().toString()
                        : root().getFileName().toString(), out(), integrity);
                return printAndWrite(report, out(), root());
            }
        }
    }

    @Command(name = "instructor", description = "Grade a learner's repository against this kit's last commit:"
            + " only the files each exercise has the learner write (and quiz attempts) are taken from it.")
    static final class Instructor extends Common implements Callable<Integer> {
        @Parameters(paramLabel = "LEARNER_REPO", description = "the learner's repository (a folder)")
        Path learner;

        @Override
        public Integer call() throws IOException {
            Path repo = learner.toAbsolutePath().normalize();
            if (!Files.isDirectory(repo)) {
                throw new IOException("not a folder: " + repo);
            }
            Path dest = out != null ? out() : root().resolve("grade-report/instructor/" + repo.getFileName());
            try (Grader grader = Grader.prepare(root(), false, null, only(), settings(), Quizzes.source(), progress(),
                    work)) {
                Report report = grader.grade(repo, "instructor", repo.getFileName().toString(), dest, null);
                return printAndWrite(report, dest, root());
            }
        }
    }

    @Command(name = "batch", description = "Grade every learner repository in a folder into one CSV and JSON.")
    static final class BatchCommand extends Common implements Callable<Integer> {
        @Parameters(paramLabel = "COHORT_DIR", description = "a folder holding one folder per learner repository")
        Path cohort;
        @Option(names = "--jobs", description = "learners graded at the same time (default 1)")
        int jobs = 1;

        @Override
        public Integer call() throws IOException {
            Path dest = out != null ? out() : root().resolve("grade-report/batch");
            Path folder = cohort.toAbsolutePath().normalize();
            if (!Files.isDirectory(folder)) {
                throw new IOException("not a folder: " + folder);
            }
            try (Grader grader = Grader.prepare(root(), false, null, only(), settings(), Quizzes.source(), progress(),
                    work)) {
                Context.out.println("grader: " + grader.sandboxDescription());
                Batch.Summary summary = Batch.run(grader, folder, dest, jobs, Context.out);
                Context.out.println();
                for (Batch.Row row : summary.learners()) {
                    Context.out.printf("%-30s %3d/%-3d %s%n", Messages.cut(row.learner(), 30), row.points(),
                            row.maxPoints(), row.error() != null ? "NOT GRADED: " + row.error()
                                    : String.join("; ", row.flags()));
                }
                double perLearner = summary.learners().stream().mapToDouble(Batch.Row::seconds).average().orElse(0);
                Context.out.printf("Graded %d learners, %.1f s per learner. Results: %s and %s%n",
                        summary.learners().size(), perLearner, dest.resolve("batch.csv"), dest.resolve("batch.json"));
                return GRADED;
            }
        }
    }

    @Command(name = "export", description = "Write the starter repository a teacher pushes as the classroom template"
            + " (no solutions; graded quizzes sealed).")
    static final class ExportCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "KIND", description = "starter")
        String kind;
        @Parameters(index = "1", paramLabel = "DIR", description = "a new (or empty) folder outside the kit")
        Path to;
        @Option(names = "--root", description = "the kit's root folder (default: current folder)")
        Path root = Path.of("");
        @Option(names = "--graded", split = ",", paramLabel = "QUIZ", description = "the quizzes to seal (graded: the"
                + " teacher scores them), or all, or none (default: each bank's own \"graded:\" line)")
        List<String> graded;

        @Override
        public Integer call() throws IOException {
            if (!"starter".equals(kind)) {
                Context.err.println("grader: unknown export '" + kind + "'; this one exists: export starter DIR");
                return CANNOT_GRADE;
            }
            long start = System.nanoTime();
            List<String> names = graded == null ? null
                    : graded.stream().map(String::strip).filter(g -> !g.isEmpty()).toList();
            StarterExport.Result r = StarterExport.write(root.toAbsolutePath().normalize(), to,
                    names == null || names.isEmpty() ? null : names);
            double seconds = (System.nanoTime() - start) / 1e9;
            PrintStream out = Context.out;
            out.printf("Starter written to %s from %s in %.1f s: %d files, %.2f MB.%n", r.dir(), r.kit(), seconds,
                    r.files(), r.bytes() / 1e6);
            out.println("  graded quizzes (sealed: no keys or explanations; your grader scores them): "
                    + (r.graded().isEmpty() ? "none" : String.join(", ", r.graded())));
            out.println("  practice quizzes (keys and explanations included, feedback after each answer): "
                    + (r.practice().isEmpty() ? "none" : String.join(", ", r.practice())));
            out.println("  left out: solutions/ (reference solutions, variants, the self-test), the tools' own tests,"
                    + " scripts/, .ci/, Gradescope's files, saved quiz attempts");
            if (r.commit() != null) {
                out.println("  a git repository with one commit, " + r.commit().substring(0, 10) + " (branch main):"
                        + " learners' tests are checked against it. Push it as the classroom template:");
                out.println("    cd " + r.dir() + " && git remote add origin URL && git push -u origin main");
            }
            r.notes().forEach(n -> out.println("note: " + n));
            return GRADED;
        }
    }

    /** What {@code ./mvnw verify -Pgrade} calls, with every -Dgrade.* property (empty when not given). */
    @Command(name = "maven", hidden = true)
    static final class MavenEntry extends Common implements Callable<Integer> {
        @Option(names = "--learner") String learner;
        @Option(names = "--cohort") String cohort;
        @Option(names = "--reference") String reference;
        @Option(names = "--jobs") String jobs;
        @Option(names = "--export") String export;
        @Option(names = "--export-to") String exportTo;
        @Option(names = "--graded") String graded;

        @Override
        public Integer call() throws Exception {
            if (export != null && !export.isBlank()) {
                ExportCommand cmd = new ExportCommand();
                cmd.kind = export.strip();
                if (exportTo == null || exportTo.isBlank()) {
                    throw new IOException("-Dgrade.export=" + cmd.kind + " needs -Dgrade.exportTo=DIR");
                }
                cmd.to = root().resolve(exportTo.strip());
                cmd.root = root;
                cmd.graded = graded == null || graded.isBlank() ? null : List.of(graded.split(","));
                return cmd.call();
            }
            if (learner != null && !learner.isBlank()) {
                Instructor cmd = copy(new Instructor());
                cmd.learner = Path.of(learner);
                cmd.out = defaultOut() ? null : out;
                return cmd.call();
            }
            if (cohort != null && !cohort.isBlank()) {
                BatchCommand cmd = copy(new BatchCommand());
                cmd.cohort = Path.of(cohort);
                cmd.out = defaultOut() ? null : out;
                cmd.jobs = jobs == null || jobs.isBlank() ? 1 : Integer.parseInt(jobs.strip());
                return cmd.call();
            }
            Grade cmd = copy(new Grade());
            cmd.reference = reference;
            return cmd.call();
        }

        private boolean defaultOut() {
            return out == null || out.toAbsolutePath().normalize().equals(root().resolve("grade-report"));
        }

        private <T extends Common> T copy(T cmd) {
            cmd.root = root;
            cmd.out = out;
            cmd.timeScale = timeScale;
            cmd.forkTimeout = forkTimeout;
            cmd.testTimeout = testTimeout;
            cmd.sandbox = sandbox;
            cmd.only = only;
            cmd.work = work;
            return cmd;
        }
    }
}
