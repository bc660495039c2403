package asynckit.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import asynckit.selftest.TestRun.Outcome;
import asynckit.selftest.TestRun.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit's proof that its tests cannot lie. For every exercise, the one set of test sources is run
 * against the stub (every test must fail), the reference solution (every test must pass) and each
 * known-wrong variant (at least one test must fail, and the failures must name each mistake the
 * variant declares with a {@code // expect-mistake: ID} line).
 *
 * <p>Options: {@code -Dselftest.only=stub|solution|wrong} runs one kind of implementation,
 * {@code -Dselftest.exercise=02} the exercises whose folder starts with that text, and
 * {@code -Dselftest.verbose=true} prints every failure message (to read what learners will read).
 */
@DisplayName("Self-test")
class KitSelfTest {
    static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();
    static final int MIN_WRONG_VARIANTS = 3;

    @TempDir
    static Path work;

    static List<Path> exercises() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT.resolve("exercises"))) {
            return dirs.filter(d -> d.getFileName().toString().matches("\\d\\d-.+"))
                    .filter(d -> Files.isDirectory(d.resolve("src/test/java")))
                    .sorted()
                    .toList();
        }
    }

    @TestFactory
    @DisplayName("every exercise: stub fails all, solution passes all, each wrong variant is rejected by name")
    List<DynamicNode> exercisesProveTheirTests() throws IOException {
        List<DynamicNode> nodes = new ArrayList<>();
        List<Path> found = exercises();
        assertThat(found).as("exercises under " + ROOT.resolve("exercises")).isNotEmpty();
        for (Path exercise : found) {
            List<Implementation> impls = Implementation.of(exercise, ROOT.resolve("solutions"));
            if (!exercise.getFileName().toString().startsWith(System.getProperty("selftest.exercise", ""))) {
                continue;
            }
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest("has a solution and at least " + MIN_WRONG_VARIANTS + " wrong variants",
                    () -> {
                        assertThat(ROOT.resolve("solutions").resolve(exercise.getFileName()).resolve("src/main/java"))
                                .isDirectory();
                        assertThat(impls.stream().filter(i -> i.kind() == Implementation.Kind.WRONG).count())
                                .as("known-wrong variants of " + exercise.getFileName())
                                .isGreaterThanOrEqualTo(MIN_WRONG_VARIANTS);
                        impls.stream().filter(i -> i.kind() == Implementation.Kind.WRONG).forEach(i ->
                                assertThat(i.expectedMistakes())
                                        .as(i.name() + " must declare the mistake it makes (// expect-mistake: ID)")
                                        .isNotEmpty());
                    }));
            String only = System.getProperty("selftest.only", "");
            for (Implementation impl : impls) {
                if (!only.isEmpty() && !impl.kind().name().equalsIgnoreCase(only)) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(impl.name(), () -> verify(impl, exercise)));
            }
            nodes.add(DynamicContainer.dynamicContainer(exercise.getFileName().toString(), tests));
        }
        return nodes;
    }

    private static void verify(Implementation impl, Path exercise) throws IOException {
        long start = System.nanoTime();
        List<Outcome> outcomes = TestRun.run(impl, exercise.resolve("src/test/java"), work);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long passed = outcomes.stream().filter(o -> o.status() == Status.PASSED).count();
        long failed = outcomes.stream().filter(o -> o.status() == Status.FAILED).count();
        System.out.printf("selftest %-22s %-34s tests %2d  passed %2d  failed %2d  %6d ms%n",
                impl.exercise(), impl.name(), outcomes.size(), passed, failed, millis);
        String table = describe(outcomes);
        if (Boolean.getBoolean("selftest.verbose")) {
            outcomes.stream().filter(o -> o.status() == Status.FAILED).forEach(o ->
                    System.out.printf("---- %s / %s / %s%n%s%n", impl.exercise(), impl.name(), o.test(), o.message()));
        }
        assertThat(outcomes).as("tests found for " + impl.exercise()).isNotEmpty();
        switch (impl.kind()) {
            case STUB -> assertThat(failed)
                    .as("the stub must fail every test, but these did not fail:\n" + table)
                    .isEqualTo(outcomes.size());
            case SOLUTION -> assertThat(passed)
                    .as("the reference solution must pass every test:\n" + table)
                    .isEqualTo(outcomes.size());
            case WRONG -> {
                assertThat(failed).as(impl.name() + " must be rejected by at least one test:\n" + table)
                        .isPositive();
                for (String mistake : impl.expectedMistakes()) {
                    assertThat(outcomes.stream().filter(o -> o.status() == Status.FAILED)
                            .anyMatch(o -> o.message().contains("[" + mistake + "]")))
                            .as(impl.name() + " must be rejected with a message naming [" + mistake + "]:\n" + table)
                            .isTrue();
                }
            }
        }
    }

    private static String describe(List<Outcome> outcomes) {
        StringBuilder out = new StringBuilder();
        for (Outcome o : outcomes) {
            out.append("  ").append(o.status()).append("  ").append(o.test());
            if (o.status() == Status.FAILED) {
                String first = o.message().lines().limit(3).reduce((a, b) -> a + " | " + b).orElse("");
                out.append("\n      ").append(first);
            }
            out.append('\n');
        }
        return out.toString();
    }
}
