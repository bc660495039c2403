package asynckit.launcher;

import asynckit.course.Manifest;
import asynckit.engine.Engine;
import asynckit.engine.TestClassPath;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** {@code ./kit} list, test, watch, hint, reset, solution: parses the command line and runs one command. */
public final class Main {

    /** A parsed command line. */
    record Args(String command, String exercise, Integer hintNumber, boolean all, boolean poll) {}

    /** Thrown for a command line that makes no sense; the message is one sentence for the learner. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static final String USAGE = """
            Usage: ./kit [COMMAND]
              (nothing), list       every exercise with its state and points, what to do next, the quizzes
              test NN               run exercise NN's tests: each teaching message once, then one line
              test NN --verbose     the same through Maven, with its full output
              watch [NN]            run NN's tests again on every save (keys: h hint, l list, n next, q quit)
                  --poll            look for saves by polling only (when file events do not arrive)
              hint NN               the next hint you have not seen yet, from the lesson
              hint NN N | --all     hint N again | every hint
              reset NN              put the exercise's stub back (your code is kept in .kit/backup/)
              solution NN           the reference solution, once your code passes every test
              export gradescope FILE.zip   the autograder zip for Gradescope (teachers; grader/README.md)
            NN is an exercise's number (01) or folder name (01-waiting-problem).""";

    private Main() {}

    public static void main(String[] argv) {
        System.setProperty("org.jline.terminal.disableDeprecatedProviderWarning", "true");
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        java.io.PrintStream err = System.err;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (Engine.testsRunning()) {
                err.println();
                err.println("kit: the code under test ended this JVM (System.exit or Runtime.exit) while its tests ran."
                        + " Report a failure by completing the future exceptionally or throwing instead.");
                err.flush();
                Runtime.getRuntime().halt(1); // whatever status the code chose, the tests did not pass
            }
        }));
        int code;
        try {
            Path root = Path.of(System.getProperty("kit.root", ".")).toAbsolutePath().normalize();
            code = run(argv, root, TestClassPath.defaults(), out, System.in, terminalStyle());
        } catch (IOException e) {
            out.println("kit: " + e.getMessage());
            code = 3;
        }
        out.flush();
        System.exit(code);
    }

    private static Style terminalStyle() {
        return new Style(isTerminal() && System.getenv("NO_COLOR") == null);
    }

    static boolean isTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try { // JDK 22+: a console exists even when piped; ask it (Console.isTerminal)
            return (Boolean) c.getClass().getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }

    static Args parse(String... argv) throws UsageException {
        List<String> words = new ArrayList<>();
        boolean all = false;
        boolean poll = false;
        for (String a : argv) {
            switch (a) {
                case "--all" -> all = true;
                case "--poll" -> poll = true;
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option '" + a + "'");
                    }
                    words.add(a);
                }
            }
        }
        String command = words.isEmpty() ? "list" : words.get(0);
        List<String> rest = words.subList(Math.min(1, words.size()), words.size());
        switch (command) {
            case "list", "help" -> {
                expect(rest.isEmpty(), command + " takes no arguments");
                expect(!all && !poll, "--all and --poll go with hint and watch");
                return new Args(command, null, null, false, false);
            }
            case "watch" -> {
                expect(rest.size() <= 1, "usage: ./kit watch [NN] [--poll]");
                expect(!all, "--all goes with hint");
                return new Args(command, rest.isEmpty() ? null : rest.get(0), null, false, poll);
            }
            case "test", "reset", "solution" -> {
                expect(rest.size() == 1, "usage: ./kit " + command + " NN (an exercise's number, e.g. 01)");
                expect(!all && !poll, "--all and --poll go with hint and watch");
                return new Args(command, rest.get(0), null, false, false);
            }
            case "hint" -> {
                expect(!rest.isEmpty() && rest.size() <= 2, "usage: ./kit hint NN [N | --all]");
                expect(!poll, "--poll goes with watch");
                Integer n = null;
                if (rest.size() == 2) {
                    expect(rest.get(1).matches("\\d{1,3}"), "the hint number must be a number, not '" + rest.get(1) + "'");
                    expect(!all, "give a hint number or --all, not both");
                    n = Integer.parseInt(rest.get(1));
                }
                return new Args(command, rest.get(0), n, all, false);
            }
            default -> throw new UsageException("unknown command '" + command + "'");
        }
    }

    /** {@code ./kit export KIND DEST}: what a teacher hands out or uploads, made from the kit. */
    static int export(String[] args, Path root, PrintWriter out) {
        String kind = args.length > 0 ? args[0] : "";
        switch (kind) {
            case "gradescope" -> {
                if (args.length != 2 || !args[1].endsWith(".zip")) {
                    out.println("kit: usage: ./kit export gradescope FILE.zip");
                    return 2;
                }
                try {
                    out.println(GradescopeExport.describe(GradescopeExport.write(root, Path.of(args[1]))));
                    return 0;
                } catch (IOException e) {
                    out.println("kit: the Gradescope zip was not written: " + e.getMessage());
                    return 3;
                }
            }
            default -> {
                out.println("kit: usage: ./kit export gradescope FILE.zip (unknown export '" + kind + "')");
                return 2;
            }
        }
    }

    private static void expect(boolean ok, String message) throws UsageException {
        if (!ok) {
            throw new UsageException(message);
        }
    }

    /** Runs one command line; returns the exit code (0 fine, 1 tests failing or refused, 2 usage, 3 kit broken). */
    public static int run(String[] argv, Path root, List<Path> testClassPath, PrintWriter out, InputStream in,
                          Style style) throws IOException {
        if (argv.length > 0 && argv[0].equals("export")) {
            return export(java.util.Arrays.copyOfRange(argv, 1, argv.length), root, out);
        }
        Args args;
        try {
            args = parse(argv);
        } catch (UsageException e) {
            out.println("kit: " + e.getMessage() + ". (./kit help lists the commands)");
            return 2;
        }
        if (args.command().equals("help")) {
            out.println(USAGE);
            return 0;
        }
        Kit kit = new Kit(root, testClassPath);
        Manifest m = null;
        if (args.exercise() != null) {
            try {
                m = kit.find(args.exercise());
            } catch (IllegalArgumentException e) {
                out.println("kit: " + e.getMessage() + ".");
                return 2;
            }
        }
        Commands commands = new Commands(kit, out, style);
        switch (args.command()) {
            case "list" -> {
                return commands.list();
            }
            case "hint" -> {
                return commands.hint(m, args.hintNumber(), args.all());
            }
            case "reset" -> {
                return commands.reset(m);
            }
            default -> {
                // test, solution, watch: these compile and run
            }
        }
        try (Engine engine = new Engine()) {
            switch (args.command()) {
                case "test" -> {
                    return commands.test(engine, m);
                }
                case "solution" -> {
                    return commands.solution(engine, m);
                }
                default -> {
                    if (m == null) {
                        m = commands.nextAfter(kit.course().get(kit.course().size() - 1), State.load(kit.root()))
                                .orElse(kit.course().get(0));
                    }
                    return watch(kit, engine, m, args.poll(), out, in, style);
                }
            }
        }
    }

    private static int watch(Kit kit, Engine engine, Manifest m, boolean poll, PrintWriter out, InputStream in,
                             Style style) throws IOException {
        if (!isTerminal() || in != System.in) {
            return new Watch(kit, engine, m, out, style, false, !poll).run(in::read);
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            if (Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
                return new Watch(kit, engine, m, out, style, false, !poll).run(in::read);
            }
            Attributes saved = terminal.enterRawMode();
            Attributes raw = terminal.getAttributes();
            raw.setLocalFlag(Attributes.LocalFlag.ISIG, false); // Ctrl-C arrives as a key: stop cleanly
            terminal.setAttributes(raw);
            PrintWriter screen = new PrintWriter(new CrLf(terminal.writer()), true);
            try {
                return new Watch(kit, engine, m, screen, style, true, !poll).run(() -> terminal.reader().read());
            } finally {
                screen.flush();
                terminal.setAttributes(saved);
                terminal.flush();
            }
        }
    }

    /** Line ends as a raw-mode terminal needs them (a bare newline would not return the cursor). */
    private static final class CrLf extends FilterWriter {
        private char last;

        CrLf(Writer w) {
            super(w);
        }

        @Override
        public void write(int c) throws IOException {
            if (c == '\n' && last != '\r') {
                super.write('\r');
            }
            super.write(c);
            last = (char) c;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            for (int i = 0; i < len; i++) {
                write(buf[off + i]);
            }
        }

        @Override
        public void write(String s, int off, int len) throws IOException {
            for (int i = 0; i < len; i++) {
                write(s.charAt(off + i));
            }
        }
    }
}
