package asynckit.grader;

import asynckit.course.Course;
import asynckit.course.Manifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the pristine kit contains, derived at grading time from the pristine tree itself (never kept in a
 * file): every exercise ({@link Course#discover}), the tests that must exist with their points (read from
 * the test sources by {@link InventoryGenerator}, plus the testkit's contributed blocking-call check), and
 * the SHA-256 of every file that decides how the learner's code is tested. Grading never trusts the
 * reports to say which tests exist.
 *
 * @param shared    checksums of files every exercise depends on (build files, wrapper, launcher, testkit)
 * @param quizBanks checksums of the quiz banks ({@code quizzes/banks/*}); a changed bank scores 0
 * @param exercises in course order
 */
public record Inventory(Map<String, String> shared, Map<String, String> quizBanks, List<ExerciseSpec> exercises) {

    /**
     * @param id            the folder name, e.g. 01-waiting-problem
     * @param title         e.g. "01 The waiting problem"
     * @param module        path of the module from the repository root
     * @param maxPoints     the exercise's total, from its manifest
     * @param tests         the tests that must exist
     * @param files         checksums of the exercise's pom.xml, exercise.yaml, src/test and given files
     *                      (relative to the exercise folder)
     * @param learnerWrites the files the learner writes, relative to src/main/java
     * @param problems      what is wrong with the exercise as the kit ships it (e.g. points that do not
     *                      add up to the manifest's total), each a sentence; empty when sound
     */
    public record ExerciseSpec(String id, String title, String module, int maxPoints, List<TestSpec> tests,
                               Map<String, String> files, List<String> learnerWrites, List<String> problems) {

        /** The sum of the tests' points (equals {@link #maxPoints()} in a sound kit). */
        public int testPoints() {
            return tests.stream().mapToInt(TestSpec::points).sum();
        }

        /** The Java packages of the exercise's own code (from the paths of its learner-written and given files). */
        public List<String> packages() {
            List<String> out = new ArrayList<>();
            for (String f : learnerWrites) {
                String pkg = f.contains("/") ? f.substring(0, f.lastIndexOf('/')).replace('/', '.') : "";
                if (!out.contains(pkg)) {
                    out.add(pkg);
                }
            }
            for (String f : files.keySet()) {
                if (f.startsWith(InventoryGenerator.MAIN_JAVA) && f.endsWith(".java")) {
                    String rel = f.substring(InventoryGenerator.MAIN_JAVA.length());
                    String pkg = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/')).replace('/', '.') : "";
                    if (!out.contains(pkg)) {
                        out.add(pkg);
                    }
                }
            }
            return out;
        }

        /** The given files (kit files in src/main/java the learner does not write), relative to the exercise. */
        public List<String> givenFiles() {
            return files.keySet().stream().filter(f -> f.startsWith(InventoryGenerator.MAIN_JAVA)).sorted().toList();
        }
    }

    /**
     * @param className        fully-qualified, {@code Outer$Nested} for a nested class
     * @param classDisplayName the class's {@code @DisplayName} (or its simple name)
     * @param method           the test method
     * @param name             the test's display name: its {@code @DisplayName}, else the method name
     * @param points           its {@code @Points} (0 when it has none)
     */
    public record TestSpec(String className, String classDisplayName, String method, String name, int points) {}

    /** The inventory of the pristine kit at {@code root}. */
    public static Inventory derive(Path root) throws IOException {
        List<Manifest> course = Course.discover(root);
        if (course.isEmpty()) {
            throw new IOException("no exercises under " + root.resolve("exercises")
                    + " (an exercise is a folder holding exercise.yaml)");
        }
        List<ExerciseSpec> exercises = new ArrayList<>();
        for (Manifest m : course) {
            exercises.add(InventoryGenerator.exercise(root, m));
        }
        return new Inventory(Checksums.shared(root), Checksums.quizBanks(root), List.copyOf(exercises));
    }

    public int maxPoints() {
        return exercises.stream().mapToInt(ExerciseSpec::maxPoints).sum();
    }

    /** Only the exercises whose id or number is in {@code keys} (all when empty). */
    public Inventory only(List<String> keys) {
        if (keys == null || keys.isEmpty()) {
            return this;
        }
        List<ExerciseSpec> kept = exercises.stream().filter(e -> keys.stream().anyMatch(k -> matches(e, k))).toList();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no exercise matches " + keys + "; the exercises are "
                    + exercises.stream().map(ExerciseSpec::id).toList());
        }
        return new Inventory(shared, quizBanks, kept);
    }

    private static boolean matches(ExerciseSpec e, String key) {
        String k = key.strip();
        return e.id().equals(k) || e.id().startsWith(k + "-")
                || (k.matches("\\d+") && e.id().matches("\\d+-.*")
                && Integer.parseInt(e.id().substring(0, e.id().indexOf('-'))) == Integer.parseInt(k));
    }

    /** Files whose checksum differs from the inventory's (missing and unexpected files included), sorted. */
    public static List<String> changed(Map<String, String> expected, Map<String, String> actual) {
        Map<String, String> all = new TreeMap<>(expected);
        actual.forEach(all::putIfAbsent);
        List<String> changed = new ArrayList<>();
        for (String file : all.keySet()) {
            String want = expected.get(file);
            String have = actual.get(file);
            if (want == null) {
                changed.add(file + " (added)");
            } else if (have == null) {
                changed.add(file + " (deleted)");
            } else if (!want.equals(have)) {
                changed.add(file);
            }
        }
        return changed;
    }
}
