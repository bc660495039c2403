package asynckit.selftest;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;

/** Compiles one implementation together with its exercise's tests and runs them in this JVM. */
final class TestRun {

    /**
     * How one test ended.
     *
     * @param method the test method's name
     * @param points its {@code @Points}, or -1 when it has none (the contributed blocking-call test)
     */
    record Outcome(String test, Status status, String message, String method, int points) {
        Outcome(String test, Status status, String message) {
            this(test, status, message, "", -1);
        }
    }

    enum Status { PASSED, FAILED, SKIPPED }

    private TestRun() {}

    static List<Outcome> run(Implementation impl, Path testSources, Path workDir) throws IOException {
        Path out = workDir.resolve(impl.exercise()).resolve(impl.name().replace('/', '_'));
        // Production and test classes go to separate folders, as in a Maven build: the blocking-call
        // rules read the production classes' folder and must not see the tests' own waiting.
        Path classes = Files.createDirectories(out.resolve("classes"));
        Path testClasses = Files.createDirectories(out.resolve("test-classes"));
        Map<String, Path> sources = overlay(impl.layers());
        List<Path> tests = javaFiles(testSources);
        compile(impl, List.copyOf(sources.values()), classes, classPath());
        compile(impl, tests, testClasses, classes + java.io.File.pathSeparator + classPath());
        // The manifest and the lesson go on the test class path, where the testkit reads them (as in Maven).
        Path exerciseDir = testSources.getParent().getParent().getParent();
        Path resources = Files.createDirectories(testClasses.resolve("asynckit-exercise"));
        for (String name : List.of("exercise.yaml", "README.md")) {
            Files.copy(exerciseDir.resolve(name), resources.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        List<String> testClassNames = tests.stream()
                .map(p -> testSources.relativize(p).toString())
                .filter(p -> p.endsWith("Test.java"))
                .map(p -> p.substring(0, p.length() - ".java".length()).replace('/', '.').replace('\\', '.'))
                .sorted()
                .toList();

        ClassLoader parent = TestRun.class.getClassLoader();
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        URL[] urls = {testClasses.toUri().toURL(), classes.toUri().toURL()};
        try (URLClassLoader loader = new URLClassLoader(impl.exercise() + "/" + impl.name(), urls, parent)) {
            current.setContextClassLoader(loader);
            List<ClassSelector> selectors = new ArrayList<>();
            for (String name : testClassNames) {
                selectors.add(selectClass(loader.loadClass(name)));
            }
            Collector collector = new Collector();
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request().selectors(selectors).build(), collector);
            return collector.outcomes;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("compiled test class missing: " + e.getMessage(), e);
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    private static Map<String, Path> overlay(List<Path> layers) throws IOException {
        Map<String, Path> byPath = new LinkedHashMap<>();
        for (Path layer : layers) {
            if (!Files.isDirectory(layer)) {
                throw new IllegalStateException("missing source folder " + layer);
            }
            for (Path file : javaFiles(layer)) {
                byPath.put(layer.relativize(file).toString().replace('\\', '/'), file);
            }
        }
        return byPath;
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static void compile(Implementation impl, List<Path> files, Path out, String classPath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("the self-test needs a JDK (with javac), not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("-d", out.toString(), "-cp", classPath, "--release", "21",
                    "-proc:none", "-nowarn", "-encoding", "UTF-8");
            boolean ok = javac.getTask(null, fm, diagnostics, options, null,
                    fm.getJavaFileObjectsFromPaths(files)).call();
            if (!ok) {
                StringBuilder errors = new StringBuilder();
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    if (d.getKind() == Diagnostic.Kind.ERROR) {
                        errors.append("\n  ").append(d.getSource() == null ? "" : d.getSource().getName())
                                .append(':').append(d.getLineNumber()).append(": ")
                                .append(d.getMessage(Locale.ROOT));
                    }
                }
                throw new IllegalStateException(impl.exercise() + " " + impl.name() + " does not compile:" + errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static final class Collector implements TestExecutionListener {
        final List<Outcome> outcomes = new ArrayList<>();

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (id.isTest()) {
                outcomes.add(new Outcome(id.getDisplayName(), Status.SKIPPED, reason));
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (!id.isTest()) {
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    // A class-level failure (e.g. a failing @BeforeAll) fails every test in it.
                    outcomes.add(new Outcome(id.getDisplayName() + " (container)", Status.FAILED, messageOf(result)));
                }
                return;
            }
            Status status = switch (result.getStatus()) {
                case SUCCESSFUL -> Status.PASSED;
                case ABORTED -> Status.SKIPPED;
                case FAILED -> Status.FAILED;
            };
            String method = "";
            int points = -1;
            if (id.getSource().orElse(null) instanceof org.junit.platform.engine.support.descriptor.MethodSource source) {
                method = source.getMethodName();
                try {
                    asynckit.testkit.Points p = source.getJavaMethod().getAnnotation(asynckit.testkit.Points.class);
                    points = p == null ? -1 : p.value();
                } catch (RuntimeException e) {
                    // the method cannot be resolved: leave the points unknown
                }
            }
            outcomes.add(new Outcome(id.getDisplayName(), status, messageOf(result), method, points));
        }

        private static String messageOf(TestExecutionResult result) {
            StringBuilder text = new StringBuilder();
            Throwable t = result.getThrowable().orElse(null);
            while (t != null) {
                text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
                t = t.getCause() == t ? null : t.getCause();
            }
            return text.toString();
        }
    }
}
