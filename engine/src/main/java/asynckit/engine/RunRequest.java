package asynckit.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to compile and run: one exercise's production sources (overlaid), its tests, and the class path
 * its tests need. Build one with {@link #of} and the {@code with...} methods.
 *
 * @param sourceRoots     production source roots, overlaid in order: a file in a later root replaces the
 *                        file of the same relative path in an earlier one (stub, then solution, then variant)
 * @param testSources     the test source root; the test classes are those Surefire would pick by default
 *                        ({@code Test*}, {@code *Test}, {@code *Tests}, {@code *TestCase}, no nested classes)
 * @param exerciseDir     the exercise folder whose {@code exercise.yaml} and {@code README.md} go on the test
 *                        class path under {@code asynckit-exercise/} (as the Maven build puts them); may be null
 * @param classPath       what the tests need besides their own classes: the testkit and its dependencies,
 *                        JUnit Jupiter included; loaded afresh for each run
 * @param resourceRoots   copied into the production classes folder (src/main/resources)
 * @param testResourceRoots copied into the test classes folder (src/test/resources)
 * @param workDir         where each run gets a fresh folder of its own for classes (deleted after the run
 *                        unless {@link #keepClasses})
 * @param timeLimit       the whole run's cap: tests still running then are reported as not finished and
 *                        left behind (a thread cannot be killed); null for no cap
 * @param captureOutput   collect what the code under test prints (System.out and System.err) into the
 *                        result instead of letting it through; these streams belong to the whole JVM, so
 *                        runs that overlap in time (several engines on several threads) must not capture
 * @param keepClasses     leave the run's classes folder in place (for debugging)
 * @param pointsAnnotation the annotation (binary name) whose {@code int value()} gives a test's points
 * @param loaderName      the name of the run's class loader, or null for none: a named loader shows in stack
 *                        traces ({@code name//asynckit.ex01...}), which Maven's do not, but lets checks that
 *                        scan threads tell runs apart that overlap in time
 * @param precompiledTests the test classes (with their resources) that {@link Engine#compileTests} wrote for
 *                        the same tests against the same API, or null: the run then compiles only the
 *                        production sources and leaves this folder as it is. Many implementations of one
 *                        exercise (the self-test's variants) then share one compilation of the tests; a
 *                        variant whose classes do not fit the tests fails at run time (a linkage error)
 *                        instead of at compile time
 */
public record RunRequest(
        List<Path> sourceRoots,
        Path testSources,
        Path exerciseDir,
        List<Path> classPath,
        List<Path> resourceRoots,
        List<Path> testResourceRoots,
        Path workDir,
        Duration timeLimit,
        boolean captureOutput,
        boolean keepClasses,
        String pointsAnnotation,
        String loaderName,
        Path precompiledTests) {

    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofMinutes(2);
    public static final String POINTS = "asynckit.testkit.Points";

    public RunRequest {
        sourceRoots = List.copyOf(sourceRoots);
        Objects.requireNonNull(testSources, "testSources");
        classPath = List.copyOf(classPath);
        resourceRoots = List.copyOf(resourceRoots);
        testResourceRoots = List.copyOf(testResourceRoots);
        Objects.requireNonNull(workDir, "workDir");
    }

    /**
     * A request with the defaults: no resources but the exercise's manifest and lesson, a two-minute cap,
     * output let through, classes deleted after the run.
     */
    public static RunRequest of(List<Path> sourceRoots, Path testSources, Path exerciseDir, List<Path> classPath,
                                Path workDir) {
        return new RunRequest(sourceRoots, testSources, exerciseDir, classPath, List.of(), List.of(), workDir,
                DEFAULT_TIME_LIMIT, false, false, POINTS, null, null);
    }

    /**
     * The usual request for an exercise folder laid out as a Maven module: {@code src/main/java} (with any
     * {@code overlays} on top), {@code src/test/java}, and their {@code resources} folders when present.
     */
    public static RunRequest forExercise(Path exerciseDir, List<Path> overlays, List<Path> classPath, Path workDir) {
        List<Path> roots = new ArrayList<>();
        roots.add(exerciseDir.resolve("src/main/java"));
        roots.addAll(overlays);
        List<Path> res = existing(exerciseDir.resolve("src/main/resources"));
        List<Path> testRes = existing(exerciseDir.resolve("src/test/resources"));
        return new RunRequest(roots, exerciseDir.resolve("src/test/java"), exerciseDir, classPath, res, testRes,
                workDir, DEFAULT_TIME_LIMIT, false, false, POINTS, null, null);
    }

    private static List<Path> existing(Path dir) {
        return java.nio.file.Files.isDirectory(dir) ? List.of(dir) : List.of();
    }

    public RunRequest withTimeLimit(Duration limit) {
        return new RunRequest(sourceRoots, testSources, exerciseDir, classPath, resourceRoots, testResourceRoots,
                workDir, limit, captureOutput, keepClasses, pointsAnnotation, loaderName, precompiledTests);
    }

    public RunRequest withCapturedOutput(boolean capture) {
        return new RunRequest(sourceRoots, testSources, exerciseDir, classPath, resourceRoots, testResourceRoots,
                workDir, timeLimit, capture, keepClasses, pointsAnnotation, loaderName, precompiledTests);
    }

    public RunRequest withKeptClasses(boolean keep) {
        return new RunRequest(sourceRoots, testSources, exerciseDir, classPath, resourceRoots, testResourceRoots,
                workDir, timeLimit, captureOutput, keep, pointsAnnotation, loaderName, precompiledTests);
    }

    public RunRequest withLoaderName(String name) {
        return new RunRequest(sourceRoots, testSources, exerciseDir, classPath, resourceRoots, testResourceRoots,
                workDir, timeLimit, captureOutput, keepClasses, pointsAnnotation, name, precompiledTests);
    }

    public RunRequest withPrecompiledTests(Path testClasses) {
        return new RunRequest(sourceRoots, testSources, exerciseDir, classPath, resourceRoots, testResourceRoots,
                workDir, timeLimit, captureOutput, keepClasses, pointsAnnotation, loaderName, testClasses);
    }

    public RunRequest withSourceRoots(List<Path> roots) {
        return new RunRequest(roots, testSources, exerciseDir, classPath, resourceRoots, testResourceRoots,
                workDir, timeLimit, captureOutput, keepClasses, pointsAnnotation, loaderName, precompiledTests);
    }
}
