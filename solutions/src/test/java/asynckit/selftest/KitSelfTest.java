package asynckit.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import asynckit.course.Course;
import asynckit.course.Manifest;
import asynckit.engine.RunResult;
import asynckit.engine.TestOutcome;
import asynckit.engine.TestOutcome.Status;
import asynckit.testkit.internal.BlockingKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit's proof that its tests cannot lie. For every exercise (every folder with an exercise.yaml),
 * the one set of test sources is run against the stub (every test must fail), the reference solution
 * and each alternative correct implementation under {@code right/} (every test must pass), and each
 * known-wrong variant under {@code wrong/} (at least one test must fail, and the failures must name each
 * mistake the variant declares with a {@code // expect-mistake: ID} line). Beside them, one check that
 * the manifest, the lesson and the tests agree.
 *
 * <p>Implementations run concurrently ({@code -Dselftest.jobs=N}, default four per core: most of a run is
 * simulated latency, not CPU). The stub and the solution each compile the tests against themselves; the
 * variants share one compilation of the tests (against the solution), so a run compiles only its own code. Outside CI an exercise whose files have not changed since it last passed is not run
 * again ({@code -Dselftest.cache=false} runs everything; CI always does).
 *
 * <p>Options: {@code -Dselftest.only=stub|solution|wrong|right} (or a comma list) runs those kinds of implementation,
 * {@code -Dselftest.exercise=02} the exercises whose folder starts with that text (or with any of a comma list: {@code 01,02,03,04}), and
 * {@code -Dselftest.verbose=true} prints every failure message (to read what learners will read).
 *
 * <p>While the implementations run, {@link MavenAgreement} runs {@code ./mvnw test} once over a copy of the
 * kit (a rotating part of the exercises; {@code -Dselftest.maven=all} for every one), to prove that the engine
 * behind the self-test (and {@code ./kit test}) gives Maven's results.
 */
@DisplayName("Self-test")
class KitSelfTest {
    static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();
    static final int MIN_WRONG_VARIANTS = 8;
    static final int MIN_RIGHT_VARIANTS = 3;
    static final Pattern MISTAKE_USE = Pattern.compile("mistake\\(\\s*\"([a-z0-9-]+)\"\\s*\\)");
    static final Pattern HINT_HEADING = Pattern.compile("^### Hint (\\d+)\\b", Pattern.MULTILINE);

    @TempDir
    static Path work;

    static final int JOBS = Integer.getInteger("selftest.jobs", 4 * Runtime.getRuntime().availableProcessors());

    static {
        // Runs that overlap share this JVM's common pool, which a learner's run has to itself: a variant that
        // sleeps or joins on pool threads (02's sleep-in-the-common-pool, 08's sleeps-on-a-pool-thread) would
        // starve the runs beside it. One thread per runner was not enough: with 02 and 08 side by side, 02's
        // joins-in-set-order waited over 1.5 s for a pool thread to build its list and was named [never-rang].
        // Four per runner: a pool thread is only started when a task finds none free, so this costs nothing
        // until runs block them. solutions/pom.xml sets it on the JVM's command line (64), as it must be set before
        // anything starts the pool; this is for a JVM started otherwise.
        String key = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(key) == null) {
            System.setProperty(key, String.valueOf(Math.max(4 * JOBS, Runtime.getRuntime().availableProcessors() - 1)));
        }
    }

    private static final ExecutorService RUNNERS = Executors.newFixedThreadPool(JOBS, r -> {
                Thread t = new Thread(r, "selftest-runner");
                t.setDaemon(true);
                return t;
            });

    @AfterAll
    static void stopRunners() {
        if (java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() < 4 * JOBS) {
            System.out.println("selftest: note: the common pool was started before the self-test could widen it (parallelism "
                    + java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + " for " + JOBS + " runners, four each); runs"
                    + " that block its threads may slow the runs beside them");
        }
        RUNNERS.shutdownNow();
    }

    @TestFactory
    @DisplayName("every exercise: manifest, lesson and tests agree; stub fails all; solution and right variants"
            + " pass all; each wrong variant is rejected by name")
    List<DynamicNode> exercisesProveTheirTests() throws IOException {
        List<Manifest> course = Course.discover(ROOT);
        assertThat(course).as("exercises under " + ROOT.resolve("exercises")).isNotEmpty();
        Set<String> only = Arrays.stream(System.getProperty("selftest.only", "").split(","))
                .map(String::strip).filter(k -> !k.isEmpty()).map(String::toUpperCase).collect(Collectors.toSet());
        List<String> filters = Arrays.stream(System.getProperty("selftest.exercise", "").split(","))
                .map(String::strip).toList();
        List<DynamicNode> nodes = new ArrayList<>();
        Map<Manifest, List<Implementation>> toRun = new LinkedHashMap<>();
        for (Manifest manifest : course) {
            if (filters.stream().noneMatch(manifest.id()::startsWith)) {
                continue;
            }
            if (only.isEmpty() && SelfTestCache.passed(SelfTestCache.key(ROOT, manifest))) {
                nodes.add(DynamicTest.dynamicTest(manifest.id() + ": unchanged since it last passed (cached; "
                        + "-Dselftest.cache=false runs it)", () -> { }));
                continue;
            }
            toRun.put(manifest, Implementation.of(ROOT.resolve(manifest.module()), ROOT.resolve("solutions")));
        }
        // Maven runs one implementation of each exercise while the engine runs them all; they must agree.
        Map<Manifest, Implementation> forMaven = new LinkedHashMap<>();
        if (MavenAgreement.ENABLED && only.isEmpty()) {
            boolean all = "all".equals(MavenAgreement.MODE);
            MavenAgreement.choose(List.copyOf(toRun.keySet()), MavenAgreement.commit(ROOT), all)
                    .forEach((m, kind) -> forMaven.put(m, Implementation.first(toRun.get(m), kind)));
            if (!forMaven.isEmpty()) {
                System.out.println("selftest: ./mvnw test and the engine compared on " + forMaven.entrySet().stream()
                        .map(e -> e.getKey().id() + " (" + e.getValue().name() + ")").collect(Collectors.joining(", "))
                        + (forMaven.size() < toRun.size() ? "; another part of the course on another commit"
                        + " (-Dselftest.maven=all: every exercise)" : ""));
            }
        }
        MavenAgreement maven = forMaven.isEmpty() ? null : MavenAgreement.start(ROOT, forMaven, work, r -> {
            Thread t = new Thread(r, "selftest-maven");
            t.setDaemon(true);
            t.start();
        });
        for (Map.Entry<Manifest, List<Implementation>> planned : toRun.entrySet()) {
            Manifest manifest = planned.getKey();
            List<Implementation> impls = planned.getValue();
            Path exercise = ROOT.resolve(manifest.module());
            SelfTestCache.Key key = SelfTestCache.key(ROOT, manifest);
            // Every implementation runs the tests compiled once, against the solution. That they compile against
            // the stub (the learner's start) is proven by this same build: the exercise's module compiles its tests
            // against its stub before this module runs (-Pselftest skips only running them there).
            Implementation reference = Implementation.first(impls, Implementation.Kind.SOLUTION);
            CompletableFuture<Path> sharedTests = CompletableFuture.supplyAsync(() -> {
                try {
                    return TestRun.compileTests(reference, exercise, work.resolve(manifest.id()).resolve("tests"));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, RUNNERS);
            Map<Implementation, CompletableFuture<List<TestOutcome>>> runs = new LinkedHashMap<>();
            for (Implementation impl : impls) {
                if (only.isEmpty() || only.contains(impl.kind().name()) || impl.kind() == Implementation.Kind.SOLUTION) {
                    runs.put(impl, sharedTests.thenApplyAsync(tests -> run(impl, exercise, tests), RUNNERS));
                }
            }
            List<DynamicNode> tests = new ArrayList<>();
            CompletableFuture<List<TestOutcome>> solution = runs.get(reference);
            tests.add(DynamicTest.dynamicTest("manifest, lesson and tests agree",
                    () -> Agreement.check(manifest, exercise, impls, solution.join())));
            for (Map.Entry<Implementation, CompletableFuture<List<TestOutcome>>> e : runs.entrySet()) {
                Implementation impl = e.getKey();
                if (!only.isEmpty() && !only.contains(impl.kind().name())) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(impl.name(), () -> verify(impl, e.getValue().join())));
            }
            Implementation inMaven = forMaven.get(manifest);
            if (maven != null && inMaven != null) {
                tests.add(DynamicTest.dynamicTest("./mvnw test and the engine agree (" + inMaven.name() + ")",
                        () -> maven.check(manifest, inMaven, runs.get(inMaven).join())));
            }
            if (only.isEmpty()) {
                tests.add(DynamicTest.dynamicTest("(remembered as passed)", () -> SelfTestCache.remember(key)));
            }
            nodes.add(DynamicContainer.dynamicContainer(manifest.id(), tests));
        }
        return nodes;
    }

    private static List<TestOutcome> run(Implementation impl, Path exercise, Path precompiledTests) {
        long start = System.nanoTime();
        try {
            RunResult result = TestRun.run(impl, exercise, work, precompiledTests);
            List<TestOutcome> outcomes = result.tests();
            long millis = (System.nanoTime() - start) / 1_000_000;
            long passed = outcomes.stream().filter(o -> o.status() == Status.PASSED).count();
            System.out.printf("selftest %-30s %-40s tests %2d  passed %2d  failed %2d  %6d ms (compile %5d, tests %5d)%n",
                    impl.exercise(), impl.name(), outcomes.size(), passed, outcomes.size() - passed, millis,
                    result.compileTime().toMillis(), result.testTime().toMillis());
            if (Boolean.getBoolean("selftest.verbose")) {
                outcomes.stream().filter(o -> o.status() == Status.FAILED).forEach(o -> System.out.printf(
                        "---- %s / %s / %s%n%s%n", impl.exercise(), impl.name(), o.displayName(), o.message()));
            }
            return outcomes;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void verify(Implementation impl, List<TestOutcome> outcomes) {
        long passed = outcomes.stream().filter(o -> o.status() == Status.PASSED).count();
        long failed = outcomes.stream().filter(o -> o.status() == Status.FAILED).count();
        String table = describe(outcomes);
        assertThat(outcomes).as("tests found for " + impl.exercise()).isNotEmpty();
        switch (impl.kind()) {
            case STUB -> assertThat(failed)
                    .as("the stub must fail every test, but these did not fail:\n" + table)
                    .isEqualTo(outcomes.size());
            case SOLUTION -> assertThat(passed)
                    .as("the reference solution must pass every test:\n" + table)
                    .isEqualTo(outcomes.size());
            case RIGHT -> assertThat(passed)
                    .as(impl.name() + " is correct code and must earn every point; a test that rejects right code"
                            + " is as wrong as one that accepts wrong code:\n" + table)
                    .isEqualTo(outcomes.size());
            case WRONG -> {
                assertThat(failed).as(impl.name() + " must be rejected by at least one test:\n" + table)
                        .isPositive();
                // Every failure teaches: a mistake named, and the hint that explains it (never raw AssertJ text).
                List<String> untagged = outcomes.stream().filter(o -> o.status() == Status.FAILED)
                        .filter(o -> !o.message().contains("Mistake [") || !o.message().contains("-> Hint "))
                        .map(o -> "'" + o.displayName() + "': " + o.message().lines().findFirst().orElse(""))
                        .toList();
                assertThat(untagged).as(impl.name() + ": every failure must name a mistake (Mistake [id]) and point"
                        + " at its hint (-> Hint N in ...); these do not:").isEmpty();
                for (String mistake : impl.expectedMistakes()) {
                    assertThat(outcomes.stream().filter(o -> o.status() == Status.FAILED)
                            .anyMatch(o -> o.message().contains("[" + mistake + "]")))
                            .as(impl.name() + " must be rejected with a message naming [" + mistake + "]:\n" + table)
                            .isTrue();
                }
            }
        }
    }

    static String describe(List<TestOutcome> outcomes) {
        StringBuilder out = new StringBuilder();
        for (TestOutcome o : outcomes) {
            out.append("  ").append(o.status()).append("  ").append(o.displayName());
            if (o.status() == Status.FAILED) {
                String first = o.message().lines().limit(3).reduce((a, b) -> a + " | " + b).orElse("");
                out.append("\n      ").append(first);
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The checks that the manifest, the lesson and the tests say the same thing. */
    static final class Agreement {
        private Agreement() {}

        static void check(Manifest m, Path exercise, List<Implementation> impls, List<TestOutcome> solution)
                throws IOException {
            List<String> problems = new ArrayList<>();
            String tests = readAll(exercise.resolve("src/test/java"));
            String lesson = Files.readString(exercise.resolve("README.md"));

            if (!tests.contains("@Exercise(\"" + m.id() + "\")")) {
                problems.add("no test class is annotated @Exercise(\"" + m.id() + "\")");
            }
            // Points: the tests' @Points and the contributed check add up to the manifest's total.
            Map<String, Integer> points = new TreeMap<>();
            for (TestOutcome o : solution) {
                int p = o.points() >= 0 ? o.points()
                        : o.method().equals(Manifest.BLOCKING_CHECK_METHOD) && m.blockingCalls() != null
                        ? m.blockingCalls().points() : 0;
                if (o.points() < 0 && !o.method().equals(Manifest.BLOCKING_CHECK_METHOD)) {
                    problems.add("test '" + o.displayName() + "' has no @Points");
                }
                points.put(o.displayName(), p);
            }
            int sum = points.values().stream().mapToInt(Integer::intValue).sum();
            if (sum != m.points()) {
                problems.add("the tests' points add up to " + sum + ", but exercise.yaml says points: " + m.points());
            }
            // Hints: "### Hint 1" .. "### Hint n", one per hint id.
            List<Integer> numbers = new ArrayList<>();
            Matcher h = HINT_HEADING.matcher(lesson);
            while (h.find()) {
                numbers.add(Integer.parseInt(h.group(1)));
            }
            List<Integer> want = java.util.stream.IntStream.rangeClosed(1, m.hints().size()).boxed().toList();
            if (!numbers.equals(want)) {
                problems.add("README.md has hint headings " + numbers + "; exercise.yaml lists " + m.hints().size()
                        + " hints " + m.hints() + ", so it needs ### Hint 1 .. ### Hint " + m.hints().size());
            }
            // "How it is checked": one row per test, with the test's display name and its points.
            Map<String, Integer> table = checkedTable(lesson);
            if (!table.equals(points)) {
                Set<String> missing = new LinkedHashSet<>(points.keySet());
                missing.removeAll(table.keySet());
                Set<String> extra = new LinkedHashSet<>(table.keySet());
                extra.removeAll(points.keySet());
                List<String> differ = points.keySet().stream().filter(table::containsKey)
                        .filter(k -> !table.get(k).equals(points.get(k)))
                        .map(k -> "'" + k + "' (" + table.get(k) + " in the lesson, " + points.get(k) + " in the test)")
                        .toList();
                problems.add("README.md's 'How it is checked' table does not match the tests:"
                        + (missing.isEmpty() ? "" : " no row for " + missing)
                        + (extra.isEmpty() ? "" : "; rows for no test " + extra)
                        + (differ.isEmpty() ? "" : "; points differ for " + differ));
            }
            // Mistakes: each named by a test and caught by a known-wrong variant; variants expect only known ids.
            Set<String> named = new LinkedHashSet<>();
            Matcher use = MISTAKE_USE.matcher(tests);
            while (use.find()) {
                named.add(use.group(1));
            }
            Set<String> declared = m.mistakes().stream().map(Manifest.MistakeSpec::id)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            Set<String> blocking = Arrays.stream(BlockingKind.values()).map(BlockingKind::id).collect(Collectors.toSet());
            Set<String> expected = new LinkedHashSet<>();
            impls.stream().filter(i -> i.kind() == Implementation.Kind.WRONG).forEach(i -> expected.addAll(i.expectedMistakes()));
            for (String id : declared) {
                if (!named.contains(id)) {
                    problems.add("mistake '" + id + "' is declared in exercise.yaml but no test names it (LESSON.mistake(\"" + id + "\"))");
                }
                if (!expected.contains(id)) {
                    problems.add("mistake '" + id + "' is caught by no known-wrong variant (// expect-mistake: " + id + ")");
                }
            }
            for (String id : named) {
                if (!declared.contains(id)) {
                    problems.add("the tests name mistake '" + id + "', which exercise.yaml does not declare");
                }
            }
            long wrong = impls.stream().filter(i -> i.kind() == Implementation.Kind.WRONG).count();
            if (wrong < MIN_WRONG_VARIANTS) {
                problems.add("only " + wrong + " known-wrong variants; at least " + MIN_WRONG_VARIANTS);
            }
            long right = impls.stream().filter(i -> i.kind() == Implementation.Kind.RIGHT).count();
            if (right < MIN_RIGHT_VARIANTS) {
                problems.add("only " + right + " alternative correct implementations (right/); at least "
                        + MIN_RIGHT_VARIANTS + ": a test that rejects right code is as wrong as one that accepts wrong code");
            }
            for (Implementation i : impls) {
                if (i.kind() == Implementation.Kind.WRONG && i.expectedMistakes().isEmpty()) {
                    problems.add(i.name() + " declares no mistake (// expect-mistake: ID)");
                }
                for (String id : i.expectedMistakes()) {
                    if (!declared.contains(id) && !blocking.contains(id)) {
                        problems.add(i.name() + " expects '" + id + "', which is neither in exercise.yaml nor a"
                                + " blocking-call id " + blocking);
                    }
                }
            }
            // The files the learner writes exist in the stub and the solution.
            for (String file : m.learnerWrites()) {
                if (!Files.isRegularFile(exercise.resolve("src/main/java").resolve(file))) {
                    problems.add("learner-writes: " + file + " is not in the stub's src/main/java");
                }
                if (!Files.isRegularFile(ROOT.resolve("solutions").resolve(m.id()).resolve("src/main/java").resolve(file))) {
                    problems.add("learner-writes: " + file + " has no reference solution under solutions/" + m.id());
                }
            }
            assertThat(problems).as(m.id() + ": the manifest, the lesson and the tests must agree").isEmpty();
        }

        /** The first table under "## How it is checked": test name to points. */
        static Map<String, Integer> checkedTable(String lesson) {
            Map<String, Integer> rows = new TreeMap<>();
            int at = lesson.indexOf("## How it is checked");
            if (at < 0) {
                return rows;
            }
            boolean inTable = false;
            for (String line : lesson.substring(at).lines().skip(1).toList()) {
                if (line.startsWith("## ")) {
                    break;
                }
                if (!line.startsWith("|")) {
                    if (inTable) {
                        break;
                    }
                    continue;
                }
                inTable = true;
                String[] cells = line.split("(?<!\\\\)\\|");
                if (cells.length < 3 || cells[1].strip().equals("test") || cells[1].strip().startsWith("---")) {
                    continue;
                }
                try {
                    rows.put(cells[1].strip().replace("\\|", "|"), Integer.parseInt(cells[2].strip()));
                } catch (NumberFormatException e) {
                    rows.put(cells[1].strip(), -1);
                }
            }
            return rows;
        }

        private static String readAll(Path dir) throws IOException {
            StringBuilder all = new StringBuilder();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    all.append(Files.readString(f)).append('\n');
                }
            }
            return all.toString();
        }
    }
}
