package asynckit.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import asynckit.engine.TestOutcome.Status;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Compiles an exercise in this JVM ({@code javax.tools}) and runs its tests with the JUnit Platform
 * Launcher in a fresh class loader, the way {@code ./mvnw test} would: production and test classes in
 * separate folders (the blocking-call rules read the production folder only), the exercise's manifest and
 * lesson on the test class path, {@code --release 21}, the same test classes Surefire picks.
 *
 * <p>Each run gets a class loader of its own holding the test classes, then the request's class path
 * (the testkit, JUnit Jupiter, AssertJ...), then the production classes. Only the JUnit Platform's own
 * API ({@code org.junit.platform}, {@code org.opentest4j}, {@code org.apiguardian}) is shared with this
 * JVM, so nothing of a previous run (static state of the testkit, old learner classes) survives into the
 * next, whatever class path the host itself was started with.
 *
 * <p>One engine reuses its compiler between runs (a warm JVM compiles a save in a few hundred ms); it
 * runs one request at a time. Runs in parallel need one engine per thread (and no captured output).
 * Close it when done.
 *
 * <pre>{@code
 * try (Engine engine = new Engine()) {
 *     RunResult r = engine.run(RunRequest.forExercise(dir, List.of(solutionRoot), classPath, workDir));
 *     r.tests().forEach(t -> System.out.println(t.status() + " " + t.displayName()));
 * }
 * }</pre>
 */
public final class Engine implements AutoCloseable {

    /** Surefire's default includes, by simple class name. */
    private static final java.util.regex.Pattern TEST_CLASS =
            java.util.regex.Pattern.compile("(Test[^.]*|[^.]*Test|[^.]*Tests|[^.]*TestCase)");
    /** The Java release the exercises are written for (Maven's {@code maven.compiler.release}). */
    static final int RELEASE = 21;
    private static final String[] SHARED = {"org.junit.platform.", "org.opentest4j.", "org.apiguardian."};
    private static final AtomicLong RUNS = new AtomicLong();
    private static final java.util.concurrent.atomic.AtomicInteger TESTING = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * True while some engine of this JVM is running tests: a JVM that exits then was ended by the code
     * under test ({@code System.exit}), which a host can tell its user from a shutdown hook.
     */
    public static boolean testsRunning() {
        return TESTING.get() > 0;
    }

    /** Library loaders shared by engines that share libraries, by class path (see {@link #sharingLibraries()}). */
    private static final java.util.Map<List<Path>, ClassLoader> LIBRARIES = new java.util.concurrent.ConcurrentHashMap<>();

    private final JavaCompiler javac;
    private final StandardJavaFileManager files;
    private boolean shareLibraries;
    private boolean releaseCheck = true;

    /**
     * An engine that loads the request's library jars (every class-path entry that is a file) once per JVM,
     * in a loader shared by every such engine, and only folders (the testkit's classes in a build, the
     * tests, the code under test) afresh for each run. Many runs in one JVM (the self-test) then load
     * JUnit, AssertJ and ArchUnit once instead of once per run. Static state of those libraries is shared.
     */
    public static Engine sharingLibraries() {
        Engine engine = new Engine();
        engine.shareLibraries = true;
        return engine;
    }

    /**
     * This engine compiles for Java 21 against the running JDK's own class library ({@code -source 21 -target
     * 21}) instead of {@code --release 21}'s record of the Java 21 API: code that calls an API newer than Java
     * 21 then compiles here. The reason is cost: on a JDK newer than 21, javac opens the JDK's {@code ct.sym}
     * archive afresh for every compilation with {@code --release} (a tenth of the self-test's CPU at 400
     * compilations). For many runs of code whose API level is checked elsewhere only; a learner's run keeps the
     * check. On a JDK 21 this changes nothing: {@code --release 21} reads the running JDK there.
     */
    public Engine withoutReleaseCheck() {
        releaseCheck = false;
        return this;
    }

    public Engine() {
        javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("this Java (" + System.getProperty("java.home")
                    + ") has no compiler: the kit needs a JDK 21 or newer, not a JRE");
        }
        files = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() throws IOException {
        files.close();
    }

    /** Compiles and runs one request; blocks until the tests end or the request's time limit passes. */
    public synchronized RunResult run(RunRequest req) throws IOException {
        long t0 = System.nanoTime();
        Path dir = Files.createDirectories(req.workDir())
                .resolve("run-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet());
        Path classes = Files.createDirectories(dir.resolve("classes"));
        boolean precompiled = req.precompiledTests() != null;
        Path testClasses = precompiled ? req.precompiledTests() : Files.createDirectories(dir.resolve("test-classes"));
        try {
            List<Path> tests = javaFiles(req.testSources());
            List<CompileProblem> problems = compileProduction(req, classes);
            if (problems.isEmpty() && !precompiled) {
                problems = compileTestsInto(req, tests, classes, testClasses);
            }
            Duration compileTime = Duration.ofNanos(System.nanoTime() - t0);
            if (!problems.isEmpty()) {
                return new RunResult(problems, List.of(), false, "", compileTime, Duration.ZERO);
            }
            List<String> classNames = testClassNames(req.testSources(), tests);
            long t1 = System.nanoTime();
            Execution ex = execute(req, classNames, classes, testClasses);
            return new RunResult(List.of(), ex.outcomes, ex.timedOut, ex.output, compileTime,
                    Duration.ofNanos(System.nanoTime() - t1));
        } finally {
            if (!req.keepClasses()) {
                deleteTree(dir);
            }
        }
    }

    /**
     * Compiles the request's tests once, for later runs of other implementations of the same exercise
     * ({@link RunRequest#withPrecompiledTests}): the production sources into {@code into/classes} (the API
     * the tests compile against), the tests and their resources (the exercise's manifest and lesson
     * included) into {@code into/test-classes}, which it returns with the problems found (empty when none).
     */
    public synchronized CompiledTests compileTests(RunRequest req, Path into) throws IOException {
        Path classes = Files.createDirectories(into.resolve("classes"));
        Path testClasses = Files.createDirectories(into.resolve("test-classes"));
        List<CompileProblem> problems = compileProduction(req, classes);
        if (problems.isEmpty()) {
            problems = compileTestsInto(req, javaFiles(req.testSources()), classes, testClasses);
        }
        return new CompiledTests(testClasses, problems);
    }

    /**
     * What {@link #compileTests} wrote.
     *
     * @param testClasses the test classes and resources, for {@link RunRequest#withPrecompiledTests}
     * @param problems    the compile errors; when there are any, the folder is not to be used
     */
    public record CompiledTests(Path testClasses, List<CompileProblem> problems) {
        public CompiledTests {
            problems = List.copyOf(problems);
        }
    }

    private List<CompileProblem> compileProduction(RunRequest req, Path classes) throws IOException {
        Map<String, Path> sources = overlay(req.sourceRoots());
        List<CompileProblem> problems = compile(List.copyOf(sources.values()), classes, List.of(), false);
        for (Path res : req.resourceRoots()) {
            copyTree(res, classes);
        }
        return problems;
    }

    private List<CompileProblem> compileTestsInto(RunRequest req, List<Path> tests, Path classes, Path testClasses)
            throws IOException {
        List<Path> testPath = new ArrayList<>();
        testPath.add(classes);
        testPath.addAll(req.classPath());
        List<CompileProblem> problems = compile(tests, testClasses, testPath, true);
        for (Path res : req.testResourceRoots()) {
            copyTree(res, testClasses);
        }
        if (req.exerciseDir() != null) {
            Path target = Files.createDirectories(testClasses.resolve("asynckit-exercise"));
            for (String name : List.of("exercise.yaml", "README.md")) {
                Path from = req.exerciseDir().resolve(name);
                if (Files.isRegularFile(from)) {
                    Files.copy(from, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return problems;
    }

    private record Execution(List<TestOutcome> outcomes, boolean timedOut, String output) {}

    private Execution execute(RunRequest req, List<String> classNames, Path classes, Path testClasses)
            throws IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(testClasses.toUri().toURL());
        List<Path> libraries = new ArrayList<>();
        for (Path p : req.classPath()) {
            if (shareLibraries && Files.isRegularFile(p)) {
                libraries.add(p);
            } else {
                urls.add(p.toUri().toURL());
            }
        }
        urls.add(classes.toUri().toURL());
        URLClassLoader loader = new URLClassLoader(req.loaderName(), urls.toArray(URL[]::new),
                libraries.isEmpty() ? sharedPlatform() : LIBRARIES.computeIfAbsent(List.copyOf(libraries),
                        Engine::libraryLoader));
        Collector collector = new Collector(req.pointsAnnotation());
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        Throwable[] crash = new Throwable[1];
        Thread runner = new Thread(() -> {
            try {
                List<ClassSelector> selectors = new ArrayList<>();
                for (String name : classNames) {
                    selectors.add(selectClass(loader.loadClass(name)));
                }
                Launcher launcher = LauncherFactory.create();
                launcher.execute(request().selectors(selectors).build(), collector);
            } catch (Throwable t) {
                crash[0] = t;
            }
        }, "kit-tests");
        runner.setDaemon(true);
        runner.setContextClassLoader(loader);
        boolean timedOut = false;
        if (req.captureOutput()) {
            PrintStream sink = new PrintStream(captured, true, StandardCharsets.UTF_8);
            System.setOut(sink);
            System.setErr(sink);
        }
        TESTING.incrementAndGet();
        try {
            runner.start();
            try {
                if (req.timeLimit() == null) {
                    runner.join();
                } else {
                    runner.join(req.timeLimit());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            timedOut = runner.isAlive();
            if (timedOut) {
                runner.interrupt();
            }
        } finally {
            TESTING.decrementAndGet();
            if (req.captureOutput()) {
                System.setOut(oldOut);
                System.setErr(oldErr);
            }
        }
        List<TestOutcome> outcomes = collector.finish(timedOut, req.timeLimit());
        if (crash[0] != null) {
            outcomes = new ArrayList<>(outcomes);
            outcomes.add(new TestOutcome("", "", "the test run itself", Status.FAILED, chain(crash[0]),
                    summary(crash[0]), -1));
        }
        if (!timedOut) {
            loader.close();
        }
        return new Execution(outcomes, timedOut, captured.toString(StandardCharsets.UTF_8));
    }

    /** The JUnit Platform's API from this JVM; everything else only from the JDK. */
    private static ClassLoader libraryLoader(List<Path> jars) {
        URL[] urls = jars.stream().map(p -> {
            try {
                return p.toUri().toURL();
            } catch (java.net.MalformedURLException e) {
                throw new IllegalArgumentException(p.toString(), e);
            }
        }).toArray(URL[]::new);
        return new URLClassLoader("kit-libraries", urls, sharedPlatform());
    }

    private static ClassLoader sharedPlatform() {
        ClassLoader host = Engine.class.getClassLoader();
        return new ClassLoader("kit-shared", ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                for (String prefix : SHARED) {
                    if (name.startsWith(prefix)) {
                        return host.loadClass(name);
                    }
                }
                return super.loadClass(name, resolve);
            }
        };
    }

    private List<CompileProblem> compile(List<Path> sources, Path out, List<Path> classPath, boolean tests)
            throws IOException {
        if (sources.isEmpty()) {
            return List.of();
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String cp = String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList());
        // As Maven's compiler plugin: debug information on (blocking-call messages cite line numbers).
        List<String> options = new ArrayList<>(List.of("-d", out.toString(), "-g",
                "-proc:none", "-nowarn", "-Xlint:none", "-encoding", "UTF-8", "-implicit:none"));
        options.addAll(releaseCheck || Runtime.version().feature() == RELEASE
                ? List.of("--release", String.valueOf(RELEASE))
                : List.of("-source", String.valueOf(RELEASE), "-target", String.valueOf(RELEASE)));
        options.add("-cp");
        options.add(cp.isEmpty() ? out.toString() : cp);
        options.add("-sourcepath");
        options.add("");
        boolean ok;
        try {
            ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources))
                    .call();
        } catch (RuntimeException e) {
            return List.of(new CompileProblem(null, 0, 0, "the compiler crashed: " + e, tests));
        }
        if (ok) {
            return List.of();
        }
        List<CompileProblem> problems = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                Path file = d.getSource() == null ? null : Path.of(d.getSource().toUri());
                problems.add(new CompileProblem(file, Math.max(0, d.getLineNumber()),
                        Math.max(0, d.getColumnNumber()), d.getMessage(Locale.ROOT), tests));
            }
        }
        if (problems.isEmpty()) {
            problems.add(new CompileProblem(null, 0, 0, "javac failed without an error message", tests));
        }
        return problems;
    }

    /** Relative path to file, later roots replacing earlier ones. */
    static Map<String, Path> overlay(List<Path> roots) throws IOException {
        Map<String, Path> byPath = new LinkedHashMap<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                throw new IOException("missing source folder " + root);
            }
            for (Path file : javaFiles(root)) {
                byPath.put(root.relativize(file).toString().replace('\\', '/'), file);
            }
        }
        return byPath;
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".java") && Files.isRegularFile(f))
                    .sorted().toList();
        }
    }

    static List<String> testClassNames(Path root, List<Path> tests) {
        return tests.stream()
                .map(p -> root.relativize(p).toString().replace('\\', '/'))
                .map(p -> p.substring(0, p.length() - ".java".length()))
                .filter(p -> TEST_CLASS.matcher(p.substring(p.lastIndexOf('/') + 1)).matches())
                .map(p -> p.replace('/', '.'))
                .sorted()
                .toList();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a folder left behind in the work area is harmless; the next run uses a new one
        }
    }

    static String chain(Throwable t) {
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (t != null && seen.add(t)) {
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
            t = t.getCause();
        }
        return text.toString();
    }

    static String summary(Throwable t) {
        String msg = t.getMessage() == null ? "" : t.getMessage();
        return t instanceof AssertionError ? msg : t.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + msg);
    }

    /** Collects outcomes; remembers the plan so that a run cut short can name what did not finish. */
    private static final class Collector implements TestExecutionListener {
        private final String pointsAnnotation;
        private final Map<String, TestOutcome> done = new ConcurrentHashMap<>();
        private final List<String> order = Collections.synchronizedList(new ArrayList<>());
        private final Set<String> started = ConcurrentHashMap.newKeySet();
        private final Map<String, int[]> points = new ConcurrentHashMap<>();
        private volatile TestPlan plan;

        Collector(String pointsAnnotation) {
            this.pointsAnnotation = pointsAnnotation;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            plan = testPlan;
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            started.add(id.getUniqueId());
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (id.isTest()) {
                record(id, Status.SKIPPED, reason == null ? "" : reason, reason == null ? "" : reason);
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            Throwable t = result.getThrowable().orElse(null);
            String message = t == null ? "" : chain(t);
            String summary = t == null ? "" : summary(t);
            if (!id.isTest()) {
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && id.getSource().isPresent()) {
                    // A class-level failure (a failing static initialiser or @BeforeAll) fails the class.
                    record(id, Status.FAILED, message, summary);
                }
                return;
            }
            Status status = switch (result.getStatus()) {
                case SUCCESSFUL -> Status.PASSED;
                case ABORTED -> Status.SKIPPED;
                case FAILED -> Status.FAILED;
            };
            record(id, status, message, summary);
        }

        private void record(TestIdentifier id, Status status, String message, String summary) {
            Optional<TestSource> source = id.getSource();
            String cls = "";
            String method = "";
            int pts = -1;
            if (source.isPresent() && source.get() instanceof MethodSource ms) {
                cls = ms.getClassName();
                method = ms.getMethodName();
                pts = pointsOf(ms);
            } else if (source.isPresent() && source.get() instanceof ClassSource cs) {
                cls = cs.getClassName();
            }
            String name = id.isTest() ? id.getDisplayName() : id.getDisplayName() + " (container)";
            done.put(id.getUniqueId(), new TestOutcome(cls, method, name, status, message, summary, pts));
            order.add(id.getUniqueId());
        }

        private int pointsOf(MethodSource ms) {
            if (pointsAnnotation == null) {
                return -1;
            }
            try {
                Method m = ms.getJavaMethod();
                for (Annotation a : m.getAnnotations()) {
                    if (a.annotationType().getName().equals(pointsAnnotation)) {
                        Object v = a.annotationType().getMethod("value").invoke(a);
                        return v instanceof Integer i ? i : 0;
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return -1;
            }
            return -1;
        }

        /** The outcomes in finishing order; after a time-out, every test that had not finished, failed. */
        List<TestOutcome> finish(boolean timedOut, Duration limit) {
            List<TestOutcome> out = new ArrayList<>();
            synchronized (order) {
                for (String uid : order) {
                    out.add(done.get(uid));
                }
            }
            TestPlan p = plan;
            if (timedOut && p != null) {
                String secs = limit.toSeconds() + " s";
                for (TestIdentifier root : p.getRoots()) {
                    for (TestIdentifier id : p.getDescendants(root)) {
                        if (!id.isTest() || done.containsKey(id.getUniqueId())) {
                            continue;
                        }
                        String why = started.contains(id.getUniqueId())
                                ? "did not finish: the run was stopped after " + secs
                                        + " (does the code wait for something that never happens?)"
                                : "did not run: the run was stopped after " + secs;
                        String cls = "";
                        String method = "";
                        int pts = -1;
                        if (id.getSource().orElse(null) instanceof MethodSource ms) {
                            cls = ms.getClassName();
                            method = ms.getMethodName();
                        }
                        out.add(new TestOutcome(cls, method, id.getDisplayName(), Status.FAILED,
                                "TimeoutException: " + why + "\n", why, pts));
                    }
                }
            }
            return out;
        }
    }

}
