package asynckit.grader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The grader's command line. Exit codes: 0 grading finished (whatever the score), 1 the inventory is
 * stale ({@code inventory --check}), 2 grading could not run (bad arguments, missing files, no build).
 */
@Command(name = "grader", mixinStandardHelpOptions = true, version = "asynckit grader 1",
        description = "Scores the kit's exercises (and quizzes) into one report in several formats.",
        subcommands = {Main.Grade.class, Main.Instructor.class, Main.BatchCommand.class, Main.InventoryCommand.class,
                Main.MavenEntry.class})
public final class Main implements Callable<Integer> {
    static final int GRADED = 0;
    static final int STALE = 1;
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
        @Option(names = "--inventory", description = "inventory file (default: the one built into the grader)")
        Path inventory;
        @Option(names = "--time-scale", description = "stretches simulated latencies and limits (kit.timeScale)")
        String timeScale = "1";
        @Option(names = "--fork-timeout", description = "seconds before a test JVM is killed (kit.forkTimeout)")
        int forkTimeout = 300;
        @Option(names = "--test-timeout", description = "JUnit's default timeout per test, e.g. 30s", hidden = true)
        String testTimeout;
        @Option(names = "--build-limit", description = "seconds the whole test build of one repository may take",
                hidden = true)
        Integer buildLimit;

        Path root() {
            return root.toAbsolutePath().normalize();
        }

        Path out() {
            return (out != null ? out : root().resolve("grade-report")).toAbsolutePath().normalize();
        }

        Inventory inventory() throws IOException {
            return inventory != null ? Inventory.load(inventory) : Inventory.bundled();
        }

        ChildBuild.Settings settings() {
            return new ChildBuild.Settings(timeScale == null || timeScale.isBlank() ? "1" : timeScale, forkTimeout,
                    testTimeout, buildLimit == null ? null : Duration.ofSeconds(buildLimit));
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

    @Command(name = "grade", description = "Grade this repository (the learner's own clone).")
    static final class Grade extends Common implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            Inventory inventory = inventory();
            Grader grader = new Grader(inventory, settings(), Quizzes.source(), s -> Context.out.println("grader: " + s));
            Report report = grader.grade(root(), "self", root().getFileName() == null ? root().toString()
                    : root().getFileName().toString(), out());
            return printAndWrite(report, out(), root());
        }
    }

    @Command(name = "instructor", description = "Grade a learner's repository in a pristine copy of this kit:"
            + " only the exercises' src/main/java (and quiz attempts) are taken from it.")
    static final class Instructor extends Common implements Callable<Integer> {
        @Parameters(paramLabel = "LEARNER_REPO", description = "the learner's repository (a folder)")
        Path learner;
        @Option(names = "--work", description = "where the pristine copy goes (default: ROOT/.kit/grade-work)")
        Path work;

        @Override
        public Integer call() throws IOException {
            Inventory inventory = inventory();
            Path dest = out != null ? out() : root().resolve("grade-report/instructor/"
                    + learner.toAbsolutePath().normalize().getFileName());
            Workspace ws = new Workspace(root(), work != null ? work : root().resolve(".kit/grade-work"), inventory);
            var notes = ws.prepare(learner);
            notes.forEach(n -> Context.out.println("grader: " + n));
            Grader grader = new Grader(inventory, settings(), Quizzes.source(), s -> Context.out.println("grader: " + s));
            Report report = grader.grade(ws.dir(), "instructor",
                    learner.toAbsolutePath().normalize().getFileName().toString(), dest);
            return printAndWrite(report, dest, root());
        }
    }

    @Command(name = "batch", description = "Grade every learner repository in a folder into one CSV and JSON.")
    static final class BatchCommand extends Common implements Callable<Integer> {
        @Parameters(paramLabel = "COHORT_DIR", description = "a folder holding one folder per learner repository")
        Path cohort;
        @Option(names = "--work", description = "where the pristine copy goes (default: ROOT/.kit/grade-work)")
        Path work;

        @Override
        public Integer call() throws IOException {
            Path dest = out != null ? out() : root().resolve("grade-report/batch");
            Batch.Summary summary = Batch.run(root(), cohort.toAbsolutePath().normalize(), dest,
                    work != null ? work : root().resolve(".kit/grade-work"), inventory(), settings(), Quizzes.source(),
                    Context.out);
            Context.out.println();
            for (Batch.Row row : summary.learners()) {
                Context.out.printf("%-30s %3d/%-3d %s%n", TerminalReport.cut(row.learner(), 30), row.points(),
                        row.maxPoints(), row.error() != null ? "NOT GRADED: " + row.error()
                                : String.join("; ", row.flags()));
            }
            double perLearner = summary.learners().stream().mapToDouble(Batch.Row::seconds).average().orElse(0);
            Context.out.printf("Graded %d learners, %.1f s per learner. Results: %s and %s%n",
                    summary.learners().size(), perLearner, dest.resolve("batch.csv"), dest.resolve("batch.json"));
            return GRADED;
        }
    }

    @Command(name = "inventory", description = "Regenerate (--write) or check (--check) the inventory of tests,"
            + " points and checksums from the pristine test sources.")
    static final class InventoryCommand implements Callable<Integer> {
        @Option(names = "--root", description = "the kit's root folder (default: current folder)")
        Path root = Path.of("");
        @Option(names = "--write", description = "write " + Inventory.SOURCE_PATH)
        boolean write;

        @Override
        public Integer call() throws IOException {
            Path kit = root.toAbsolutePath().normalize();
            Inventory fresh = InventoryGenerator.generate(kit);
            Path file = kit.resolve(Inventory.SOURCE_PATH);
            if (write) {
                ReportFiles.write(file, fresh.toJson());
                Context.out.printf("grader: wrote %s: %d exercises, %d tests, %d points%n", Inventory.SOURCE_PATH,
                        fresh.exercises().size(), fresh.exercises().stream().mapToInt(e -> e.tests().size()).sum(),
                        fresh.maxPoints());
                return GRADED;
            }
            String current = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            if (current.replace("\r\n", "\n").equals(fresh.toJson())) {
                Context.out.println("grader: the inventory is up to date");
                return GRADED;
            }
            Context.err.println("grader: the inventory is stale (tests, points or checksums changed). Regenerate it: "
                    + Inventory.REGENERATE);
            return STALE;
        }
    }

    /** What {@code ./mvnw verify -Pgrade} calls, with every -Dgrade.* property (empty when not given). */
    @Command(name = "maven", hidden = true)
    static final class MavenEntry extends Common implements Callable<Integer> {
        @Option(names = "--learner") String learner;
        @Option(names = "--cohort") String cohort;
        @Option(names = "--inventory-action") String inventoryAction;
        @Option(names = "--jobs") String jobs;

        @Override
        public Integer call() throws Exception {
            if (inventoryAction != null && !inventoryAction.isBlank()) {
                InventoryCommand cmd = new InventoryCommand();
                cmd.root = root;
                cmd.write = inventoryAction.strip().equals("write");
                if (!cmd.write && !inventoryAction.strip().equals("check")) {
                    Context.err.println("grader: -Dgrade.inventory must be write or check");
                    return CANNOT_GRADE;
                }
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
                return cmd.call();
            }
            Grade cmd = copy(new Grade());
            return cmd.call();
        }

        private boolean defaultOut() {
            return out == null || out.toAbsolutePath().normalize().equals(root().resolve("grade-report"));
        }

        private <T extends Common> T copy(T cmd) {
            cmd.root = root;
            cmd.out = out;
            cmd.inventory = inventory;
            cmd.timeScale = timeScale;
            cmd.forkTimeout = forkTimeout;
            cmd.testTimeout = testTimeout;
            cmd.buildLimit = buildLimit;
            return cmd;
        }
    }
}
