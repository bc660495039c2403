package asynckit.quiz;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ./kit quiz [NAME] [options]}: lists the quizzes, or runs one. */
@Command(name = "kit quiz", mixinStandardHelpOptions = true, version = "kit quiz 1.0",
        description = {"Without NAME: lists the quizzes with your best score so far.",
                "With NAME: runs that quiz, interactively in a terminal, as numbered prompts otherwise.",
                "Every attempt is saved to quizzes/attempts/NAME.json (commit it: graders count it)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:quiz finished or list shown", "1:a bank or answers file is malformed, or the attempt could not be saved",
                "2:wrong usage (unknown quiz, bad option)"})
public final class Main implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the quiz to take, e.g. event-loop")
    String name;

    @Option(names = "--plain", description = "numbered prompts on stdin/stdout even in a terminal")
    boolean plain;

    @Option(names = "--answers", paramLabel = "FILE",
            description = "take answers from FILE (lines \"question-id: answer\", see quizzes/README.md)")
    Path answers;

    @Option(names = "--seed", paramLabel = "N", description = "fix the shuffling of questions and options")
    Long seed;

    @Option(names = "--root", paramLabel = "DIR", description = "the repository root (default: found from the current folder)")
    Path root;

    @Option(names = "--no-save", description = "do not save this attempt")
    boolean noSave;

    private final Reader stdin;
    private final Writer stdout;

    public Main(Reader stdin, Writer stdout) {
        this.stdin = stdin;
        this.stdout = stdout;
    }

    public static void main(String[] args) {
        Charset cs = Charset.forName(System.getProperty("stdout.encoding",
                System.getProperty("sun.stdout.encoding", Charset.defaultCharset().name())));
        Main main = new Main(new InputStreamReader(System.in, Charset.defaultCharset()),
                new OutputStreamWriter(System.out, cs));
        System.exit(run(main, args));
    }

    /** Runs the command with picocli; returns the exit code (tests call this directly). */
    public static int run(Main main, String... args) {
        PrintWriter out = new PrintWriter(main.stdout, true);
        CommandLine cl = new CommandLine(main).setOut(out).setErr(out);
        return cl.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = new PrintWriter(stdout, true);
        Path repo = root != null ? root.toAbsolutePath().normalize()
                : Repo.find(Path.of(System.getProperty("kit.root", ".")));
        if (!Files.isDirectory(Repo.banksDir(repo))) {
            out.println("No quizzes/banks folder under " + repo + "; run from the repository (or pass --root).");
            return 2;
        }
        if (name == null) {
            if (plain || !isTerminal()) {
                return list(repo, out);
            }
            // In a terminal the list is a menu: a number, or the arrows and Enter, starts that quiz.
            try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
                if (Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
                    terminal.close();
                    return list(repo, out);
                }
                name = new InteractiveRunner(terminal).pick(QuizGrading.gradeAll(repo));
            }
            if (name == null) {
                return 0;
            }
        }
        Path file = Repo.banksDir(repo).resolve(name + ".quiz");
        if (!name.matches("[a-z0-9-]+") || !Files.isRegularFile(file)) {
            out.println("No quiz named \"" + name + "\". These exist:");
            for (Path p : Repo.bankFiles(repo)) {
                out.println("  " + p.getFileName().toString().replaceFirst("\\.quiz$", ""));
            }
            return 2;
        }
        if (answers != null && !Files.isRegularFile(answers)) {
            out.println("No answers file " + answers + ".");
            return 2;
        }
        Bank bank;
        Map<String, String> given = null;
        try {
            bank = Repo.load(repo, file);
            if (answers != null) {
                given = AnswersFile.read(answers, bank);
            }
        } catch (BankException e) {
            e.problems().forEach(out::println);
            return 1;
        }
        AttemptStore store = new AttemptStore(Repo.attemptsDir(repo));
        if (bank.sealed()) {
            alreadySubmitted(store, bank, out);
        }
        long s = seed != null ? seed : (System.nanoTime() & 0xFFFFFF);
        QuizPlan plan = new QuizPlan(bank, s);
        boolean complete;
        Session session;
        if (given == null && !plain && isTerminal()) {
            session = new Session(plan, "interactive", Instant.now());
            try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
                if (Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
                    terminal.close();
                    session = new Session(plan, "plain", Instant.now());
                    complete = new PlainRunner(new BufferedReader(stdin), out, null, false).run(session);
                } else {
                    complete = new InteractiveRunner(terminal).run(session);
                }
            }
        } else {
            session = new Session(plan, given != null ? "answers-file" : "plain", Instant.now());
            complete = new PlainRunner(new BufferedReader(stdin), out, given, !plain || !isTerminal()).run(session);
        }
        if (!noSave) {
            String shown = Repo.shown(repo, store.fileFor(bank.name()));
            try {
                session.save(store, complete);
            } catch (IOException e) {
                out.println("Could not save this attempt to " + shown + ": " + e.getMessage().lines().findFirst().orElse(""));
                out.println("If that file is damaged (an unfinished merge?), repair or move it and take the quiz again,");
                out.println("or add this attempt to its \"attempts\" list by hand:");
                out.println(AttemptStore.toJson(session.toAttempt(complete, Instant.now())));
                return 1;
            }
            out.println(bank.sealed()
                    ? "Saved to " + shown + ": commit and push it; your teacher scores this graded quiz."
                    : "Saved to " + shown + " (commit it so the grader counts it).");
        }
        return 0;
    }

    private static int list(Path repo, PrintWriter out) throws IOException {
        List<QuizGrade> grades = QuizGrading.gradeAll(repo);
        out.println("Quizzes (take one with: ./kit quiz NAME)");
        out.println();
        int total = 0;
        int max = 0;
        for (QuizGrade g : grades) {
            String best = !g.problems().isEmpty() && g.maxPoints() == 0 ? "cannot be read (see below)"
                    : g.sealed() ? (g.attempted() ? "submitted" : "- /" + g.maxPoints() + " (not taken)")
                            + ", graded: scored by your teacher"
                    : g.attempted() ? "best " + g.points() + "/" + g.maxPoints() + (g.bankChanged() ? " (bank changed)" : "")
                    : "- /" + g.maxPoints() + " (not taken)";
            // The title goes under the name, wrapped at words: long titles no longer break mid-word.
            out.printf("  %-28s %s%n", g.quiz(), best);
            Text.wrap(g.title(), 76, "      ").forEach(out::println);
            total += g.points();
            max += g.maxPoints();
        }
        out.println();
        int sealedMax = grades.stream().filter(QuizGrade::sealed).mapToInt(QuizGrade::maxPoints).sum();
        out.println("Total: " + total + "/" + (max - sealedMax) + " quiz points"
                + (sealedMax > 0 ? " (and " + sealedMax + " points of graded quizzes your teacher scores)" : ""));
        for (QuizGrade g : grades) {
            g.problems().forEach(p -> out.println("problem: " + p));
        }
        return 0;
    }

    /** Before a graded quiz is taken again: says that only the first complete attempt counts. */
    private static void alreadySubmitted(AttemptStore store, Bank bank, PrintWriter out) {
        try {
            store.load(bank.name()).stream().filter(Attempt::complete).findFirst().ifPresent(first -> {
                out.println("You submitted this graded quiz on " + first.finishedAt() + ". Only that first complete"
                        + " attempt counts; this one is saved too, but your teacher will not count it.");
                out.println();
            });
        } catch (IOException e) {
            out.println("(Your earlier attempts could not be read: " + e.getMessage().lines().findFirst().orElse("")
                    + ")");
        }
    }

    /** A real terminal on both ends? (On JDK 22+ System.console() exists even when piped; ask it.) */
    static boolean isTerminal() {
        var console = System.console();
        if (console == null) {
            return false;
        }
        try {
            var m = console.getClass().getMethod("isTerminal");
            return (Boolean) m.invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }

    static {
        // keep JLine quiet about providers it cannot load on this JVM
        System.setProperty("org.jline.terminal.disableDeprecatedProviderWarning", "true");
    }
}
