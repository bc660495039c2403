package asynckit.selftest;

import asynckit.launcher.Kit;
import asynckit.launcher.engine.Engine;
import asynckit.launcher.engine.RunRequest;
import asynckit.launcher.engine.RunResult;
import asynckit.launcher.engine.TestOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs one implementation against its exercise's tests through the kit's one compile-and-run engine
 * (the launcher's {@link Engine}, also behind {@code ./kit test} and {@code ./kit watch}): the layers
 * overlaid, production and test classes compiled apart, the tests run in a class loader of their own.
 */
final class TestRun {

    /** A run that hangs past this is failed (every test left is reported as not finished). */
    static final Duration LIMIT = Duration.ofMinutes(3);

    private TestRun() {}

    static RunResult run(Implementation impl, Path exerciseDir, Path workDir) throws IOException {
        RunRequest request = RunRequest.of(impl.layers(), exerciseDir.resolve("src/test/java"), exerciseDir,
                        Kit.defaultTestClassPath(), workDir.resolve(impl.exercise()))
                .withTimeLimit(LIMIT)
                .withLoaderName(impl.exercise() + "/" + impl.name());
        RunResult result;
        try (Engine engine = Engine.sharingLibraries()) {
            result = engine.run(request);
        }
        if (!result.compiled()) {
            StringBuilder errors = new StringBuilder();
            result.compileProblems().forEach(p -> errors.append("\n  ").append(p));
            throw new IllegalStateException(impl.exercise() + " " + impl.name() + " does not compile:" + errors);
        }
        return result;
    }
}
