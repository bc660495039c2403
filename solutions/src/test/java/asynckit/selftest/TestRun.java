package asynckit.selftest;

import asynckit.engine.Engine;
import asynckit.engine.RunRequest;
import asynckit.engine.RunResult;
import asynckit.engine.TestClassPath;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs one implementation against its exercise's tests through the kit's one compile-and-run engine
 * (the {@link Engine} module, also behind {@code ./kit test} and {@code ./kit watch}): the layers
 * overlaid, production and test classes compiled apart, the tests run in a class loader of their own.
 */
final class TestRun {

    /** A run that hangs past this is failed (every test left is reported as not finished). */
    static final Duration LIMIT = Duration.ofMinutes(3);

    /**
     * One engine per runner thread, kept for the whole self-test: an engine keeps its compiler and file manager
     * (the class path's jars stay open), which a fresh engine per run would set up again.
     */
    private static final ThreadLocal<Engine> ENGINES = ThreadLocal.withInitial(
            // The API level is checked where learners meet it (Maven builds the stubs, the grader's end-to-end test
            // compiles every solution, both with --release 21); the variants only probe the tests, and --release
            // would open the JDK's ct.sym again for each of 400 compilations.
            () -> Engine.sharingLibraries().withoutReleaseCheck());

    private TestRun() {}

    /**
     * Compiles the exercise's tests once against {@code impl} (the reference solution) into {@code into},
     * for the runs of the exercise's variants; throws when they do not compile.
     */
    static Path compileTests(Implementation impl, Path exerciseDir, Path into) throws IOException {
        Engine.CompiledTests compiled = ENGINES.get().compileTests(request(impl, exerciseDir, into), into);
        if (!compiled.problems().isEmpty()) {
            StringBuilder errors = new StringBuilder();
            compiled.problems().forEach(p -> errors.append("\n  ").append(p));
            throw new IllegalStateException("the tests of " + impl.exercise() + " do not compile against its "
                    + impl.name() + ":" + errors);
        }
        return compiled.testClasses();
    }

    /** Runs the tests compiled by {@link #compileTests} against {@code impl}, which alone is compiled. */
    static RunResult run(Implementation impl, Path exerciseDir, Path workDir, Path precompiledTests)
            throws IOException {
        RunRequest request = request(impl, exerciseDir, workDir.resolve(impl.exercise()))
                .withPrecompiledTests(precompiledTests);
        RunResult result = ENGINES.get().run(request);
        if (!result.compiled()) {
            StringBuilder errors = new StringBuilder();
            result.compileProblems().forEach(p -> errors.append("\n  ").append(p));
            throw new IllegalStateException(impl.exercise() + " " + impl.name() + " does not compile:" + errors);
        }
        return result;
    }

    private static RunRequest request(Implementation impl, Path exerciseDir, Path workDir) throws IOException {
        return RunRequest.of(impl.layers(), exerciseDir.resolve("src/test/java"), exerciseDir,
                        TestClassPath.defaults(), workDir)
                .withTimeLimit(LIMIT)
                .withLoaderName(impl.exercise() + "/" + impl.name());
    }
}
