package asynckit.engine;

import java.time.Duration;
import java.util.List;

/**
 * What one run gave.
 *
 * @param compileProblems the compile errors; when there are any, nothing ran and {@code tests} is empty
 * @param tests           every test's outcome, in the order they finished
 * @param timedOut        the run hit the request's time limit; tests that had not finished are failed
 *                        outcomes saying so
 * @param output          what the code under test printed, when the request captured it (else empty)
 * @param compileTime     time spent compiling (both compilations, resources included)
 * @param testTime        time spent discovering and running the tests
 */
public record RunResult(List<CompileProblem> compileProblems, List<TestOutcome> tests, boolean timedOut,
                        String output, Duration compileTime, Duration testTime) {

    public RunResult {
        compileProblems = List.copyOf(compileProblems);
        tests = List.copyOf(tests);
    }

    public boolean compiled() {
        return compileProblems.isEmpty();
    }

    public long passedCount() {
        return tests.stream().filter(TestOutcome::passed).count();
    }

    public long failedCount() {
        return tests.stream().filter(TestOutcome::failed).count();
    }

    /** Compiled, at least one test, and every test passed. */
    public boolean allPassed() {
        return compiled() && !tests.isEmpty() && tests.stream().allMatch(TestOutcome::passed);
    }
}
