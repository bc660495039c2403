package asynckit.launcher;

import asynckit.course.Manifest;
import asynckit.engine.Engine;
import asynckit.engine.RunResult;
import asynckit.quiz.QuizGrade;
import asynckit.quiz.QuizGrading;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/** The learner's commands, each printing to {@code out}; they return the process's exit code. */
public final class Commands {
    private final Kit kit;
    private final PrintWriter out;
    private final Style style;
    private final boolean inWatch;

    public Commands(Kit kit, PrintWriter out, Style style) {
        this(kit, out, style, false);
    }

    /** @param inWatch phrase pointers for the watch screen (press h) rather than for the shell */
    Commands(Kit kit, PrintWriter out, Style style, boolean inWatch) {
        this.kit = kit;
        this.out = out;
        this.style = style;
        this.inWatch = inWatch;
    }

    /** Where an exercise stands, from the last recorded run and the files on disk. */
    record Standing(String text, String points, boolean done, boolean started) {}

    Standing standing(Manifest m, State state) throws IOException {
        State.LastRun last = state.of(m.id()).lastRun;
        String digest = kit.digest(m);
        if (last != null && digest.equals(last.digest())) {
            return last.done()
                    ? new Standing("done", last.points() + "/" + m.points(), true, true)
                    : new Standing("failing " + (last.total() - last.passed()) + " of " + last.total() + " tests",
                            last.points() + "/" + m.points(), false, true);
        }
        boolean untouched = true;
        for (String f : m.learnerWrites()) {
            untouched &= Stubs.isStub(kit.root(), kit.learnerPath(m, f));
        }
        if (untouched) {
            return new Standing("not started", "0/" + m.points(), false, false);
        }
        return new Standing(last == null ? "started, not tested yet" : "changed since its last test",
                "?/" + m.points(), false, true);
    }

    /** {@code ./kit list}: every exercise's state, points and hints seen, what to do next, the quizzes. */
    public int list() throws IOException {
        State state = State.load(kit.root());
        out.println(style.bold("Exercises") + style.dim("  (./kit test NN runs one; ./kit watch NN re-runs it on every save)"));
        out.println();
        Manifest next = null;
        int titleWidth = kit.course().stream().mapToInt(m -> m.title().length()).max().orElse(10);
        for (Manifest m : kit.course()) {
            Standing s = standing(m, state);
            if (next == null && !s.done()) {
                next = m;
            }
            int shown = Math.min(state.of(m.id()).hintsShown, m.hints().size());
            String text = s.done() ? style.green(pad(s.text(), 26)) : pad(s.text(), 26);
            out.println("  " + m.code() + "  " + pad(m.title(), titleWidth) + "  " + text + "  "
                    + padLeft(s.points(), 5) + " points  " + style.dim("hints " + shown + "/" + m.hints().size()));
        }
        out.println();
        if (next == null) {
            out.println("Every exercise is done. " + style.dim("(./kit grade for the scored report)"));
        } else {
            out.println("Next: " + style.bold(next.code() + " " + next.title()) + "  ->  ./kit watch " + next.code()
                    + style.dim("   lesson: " + next.lesson()));
        }
        List<QuizGrade> quizzes = QuizGrading.gradeAll(kit.root());
        if (!quizzes.isEmpty()) {
            out.println();
            out.println(style.bold("Quizzes") + style.dim("  (./kit quiz NAME)"));
            out.println();
            int w = quizzes.stream().mapToInt(q -> q.quiz().length()).max().orElse(10);
            for (QuizGrade q : quizzes) {
                String best = !q.problems().isEmpty() && q.maxPoints() == 0 ? "cannot be read"
                        : q.attempted() ? "best " + q.points() + "/" + q.maxPoints() : "not taken";
                out.println("  " + pad(q.quiz(), w) + "  " + pad(best, 14) + style.dim(q.title()));
            }
        }
        return 0;
    }

    /** {@code ./kit test NN}: one exercise's tests, each teaching message once, one closing line. */
    public int test(Engine engine, Manifest m) throws IOException {
        out.println(style.bold(m.fullTitle()) + style.dim("  " + String.join(", ", m.learnerWrites().stream()
                .map(f -> f.substring(f.lastIndexOf('/') + 1)).toList())));
        out.println();
        out.flush();
        return runAndReport(engine, m).allPassed() ? 0 : 1;
    }

    /** Runs the exercise's tests, prints the body and the closing line, and records the run. */
    RunResult runAndReport(Engine engine, Manifest m) throws IOException {
        RunResult r = engine.run(kit.request(m));
        Report report = new Report(m, r, style);
        report.printBody(out, kit);
        State state = record(m, report, r);
        out.println(report.closingLine(nextAfter(m, state), inWatch));
        return r;
    }

    /** Records a run that compiled as the exercise's last run; returns the state. */
    private State record(Manifest m, Report report, RunResult r) throws IOException {
        State state = State.load(kit.root());
        if (r.compiled()) {
            state.of(m.id()).lastRun = report.toLastRun(kit.digest(m));
            save(state);
        }
        return state;
    }

    /** The first exercise after {@code m} not yet done (in the state), else any before it not done. */
    Optional<Manifest> nextAfter(Manifest m, State state) throws IOException {
        List<Manifest> all = kit.course();
        int at = all.indexOf(m);
        for (int k = 1; k < all.size(); k++) {
            Manifest c = all.get((at + k) % all.size());
            State.LastRun last = state.of(c.id()).lastRun;
            if (last == null || !last.done() || !kit.digest(c).equals(last.digest())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** {@code ./kit hint NN [N] [--all]}: the next hint not yet shown (or hint N, or all of them). */
    public int hint(Manifest m, Integer number, boolean all) throws IOException {
        List<Lessons.Hint> hints = Lessons.hints(kit.root(), m);
        State state = State.load(kit.root());
        State.Entry entry = state.of(m.id());
        if (hints.isEmpty()) {
            out.println(m.fullTitle() + " has no hints; read " + m.lesson() + ".");
            return 0;
        }
        if (number != null && (number < 1 || number > hints.size())) {
            out.println(m.fullTitle() + " has hints 1 to " + hints.size() + ", not " + number + ".");
            return 2;
        }
        List<Lessons.Hint> show;
        if (all) {
            show = hints;
        } else if (number != null) {
            show = List.of(hints.get(number - 1));
        } else if (entry.hintsShown >= hints.size()) {
            out.println("You have seen all " + hints.size() + " hints of " + m.fullTitle() + ".");
            out.println("./kit hint " + m.code() + " N shows hint N again, --all shows them all; the lesson is "
                    + m.lesson() + ".");
            return 0;
        } else {
            show = List.of(hints.get(entry.hintsShown));
        }
        for (Lessons.Hint h : show) {
            out.println(style.bold("Hint " + h.number() + " of " + hints.size()) + style.dim("  " + m.fullTitle()
                    + " · " + h.id()));
            out.println();
            String text = h.text().isEmpty() ? "(this hint's section '### Hint " + h.number() + "' is missing from "
                    + m.lesson() + ")" : h.text();
            text.lines().forEach(l -> out.println("  " + l));
            out.println();
        }
        int seen = show.stream().mapToInt(Lessons.Hint::number).max().orElse(0);
        entry.hintsShown = Math.max(entry.hintsShown, seen);
        save(state);
        if (!all) {
            int n = show.get(0).number();
            if (n == hints.size()) {
                out.println(style.dim("That was the last hint; the lesson is " + m.lesson() + "."));
            } else if (n == entry.hintsShown) {
                out.println(style.dim((inWatch ? "More: press h" : "More: ./kit hint " + m.code()) + " (hint " + (n + 1)
                        + " of " + hints.size() + ")"));
            }
        }
        return 0;
    }

    /** {@code ./kit reset NN}: the stub back in place, the learner's code kept in .kit/backup/. */
    public int reset(Manifest m) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path backup = kit.root().resolve(".kit/backup").resolve(m.id() + "-" + stamp);
        int changed = 0;
        for (String f : m.learnerWrites()) {
            String rel = kit.learnerPath(m, f);
            Optional<String> stub = Stubs.of(kit.root(), rel);
            if (stub.isEmpty()) {
                out.println("Cannot find the stub of " + rel + ": this folder is not a git clone of the kit (or git is"
                        + " not installed). Nothing was changed.");
                return 1;
            }
            Path file = kit.root().resolve(rel);
            if (Files.isRegularFile(file) && Files.readString(file).equals(stub.get())) {
                continue;
            }
            if (Files.isRegularFile(file)) {
                Path copy = backup.resolve(f);
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, stub.get());
            changed++;
        }
        if (changed == 0) {
            out.println(m.fullTitle() + " is already the stub; nothing to reset.");
            return 0;
        }
        State state = State.load(kit.root());
        state.of(m.id()).lastRun = null;
        save(state);
        out.println("Reset " + m.fullTitle() + " to its stub (" + changed + (changed == 1 ? " file" : " files") + ").");
        out.println("Your code is kept in " + kit.shown(backup) + "/");
        return 0;
    }

    /** {@code ./kit solution NN}: the reference solution, once the exercise passes. */
    public int solution(Engine engine, Manifest m) throws IOException {
        Optional<Path> root = kit.solutionRoot(m);
        if (root.isEmpty()) {
            out.println("This copy of the course has no solutions: your teacher left them out of it. Ask your teacher,"
                    + " or compare with a classmate once you both pass.");
            return 1;
        }
        State state = State.load(kit.root());
        State.LastRun last = state.of(m.id()).lastRun;
        boolean passes = last != null && last.done() && kit.digest(m).equals(last.digest());
        if (!passes) {
            RunResult r = engine.run(kit.request(m));
            Report report = new Report(m, r, style);
            record(m, report, r);
            passes = r.allPassed();
            if (!passes) {
                out.println("The solution of " + m.fullTitle() + " is shown once your code passes every test; now: "
                        + report.closingLine(Optional.empty(), false) + ".");
                out.println(style.dim("./kit test " + m.code() + " shows what is left; ./kit hint " + m.code()
                        + " the next hint."));
                return 1;
            }
        }
        out.println(style.bold("Reference solution of " + m.fullTitle()) + style.dim("  (yours passes too: compare)"));
        for (String f : m.learnerWrites()) {
            Path file = root.get().resolve(f);
            out.println();
            out.println(style.dim("---- " + kit.shown(file)));
            if (Files.isRegularFile(file)) {
                Files.readAllLines(file).forEach(out::println);
            } else {
                out.println("(no reference file for " + f + ")");
            }
        }
        return 0;
    }

    private void save(State state) {
        try {
            state.save(kit.root());
        } catch (IOException e) {
            out.println(style.dim("(could not record progress in " + State.FILE + ": " + e.getMessage() + ")"));
        }
    }

    static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    static String padLeft(String s, int w) {
        return s.length() >= w ? s : " ".repeat(w - s.length()) + s;
    }
}
