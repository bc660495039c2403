package asynckit.grader;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the pristine kit contains: every exercise, the tests that must exist with their points, and the
 * SHA-256 of every file that decides how the learner's code is tested. Generated from the test sources
 * by {@link InventoryGenerator} and committed; grading never trusts the reports to say which tests exist.
 *
 * @param schema     always {@value #SCHEMA}
 * @param regenerate the command that regenerates this file
 * @param shared     checksums of files every exercise depends on (root and exercises poms, the testkit)
 * @param quizBanks  checksums of the quiz banks ({@code quizzes/banks/*}); a changed bank scores 0
 * @param exercises  in order
 */
@JsonPropertyOrder({"schema", "regenerate", "shared", "quizBanks", "exercises"})
public record Inventory(String schema, String regenerate, Map<String, String> shared, Map<String, String> quizBanks,
                        List<ExerciseSpec> exercises) {

    public static final String SCHEMA = "asynckit-inventory/1";
    public static final String RESOURCE = "/asynckit/grader/inventory.json";
    public static final String SOURCE_PATH = "grader/src/main/resources/asynckit/grader/inventory.json";
    public static final String REGENERATE = "./mvnw -q verify -Pgrade -Dgrade.inventory=write";

    /**
     * @param id         the folder name, e.g. 01-waiting-problem
     * @param title      the module's name, e.g. "01 The waiting problem"
     * @param module     path of the module from the repository root
     * @param artifactId the module's artifactId (how Maven's log names it)
     * @param maxPoints  the sum of its tests' points
     * @param tests      the tests that must exist
     * @param files      checksums of the exercise's pom.xml and every file under src/test
     */
    @JsonPropertyOrder({"id", "title", "module", "artifactId", "maxPoints", "tests", "files"})
    public record ExerciseSpec(String id, String title, String module, String artifactId, int maxPoints,
                               List<TestSpec> tests, Map<String, String> files) {}

    /**
     * @param className        fully-qualified, {@code Outer$Nested} for a nested class
     * @param classDisplayName the class's {@code @DisplayName} (or its simple name)
     * @param method           the test method
     * @param name             the test's display name: its {@code @DisplayName}, else the method name
     * @param points           its {@code @Points} (0 when it has none)
     */
    @JsonPropertyOrder({"className", "classDisplayName", "method", "name", "points"})
    public record TestSpec(String className, String classDisplayName, String method, String name, int points) {}

    /** The inventory shipped inside the grader (the trusted one). */
    public static Inventory bundled() {
        try (InputStream in = Inventory.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the grader has no inventory (" + RESOURCE + "); generate it with: "
                        + REGENERATE);
            }
            return read(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Inventory load(Path file) throws IOException {
        return read(Files.readString(file), file.toString());
    }

    static Inventory read(String json, String where) {
        try {
            Inventory inv = JsonSupport.MAPPER.readerFor(Inventory.class)
                    .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .readValue(json);
            if (!SCHEMA.equals(inv.schema()) || inv.exercises() == null) {
                throw new IllegalStateException(where + " is not an inventory of schema " + SCHEMA);
            }
            if (inv.quizBanks() == null || inv.shared() == null) {
                return new Inventory(inv.schema(), inv.regenerate(), inv.shared() == null ? Map.of() : inv.shared(),
                        inv.quizBanks() == null ? Map.of() : inv.quizBanks(), inv.exercises());
            }
            return inv;
        } catch (IOException e) {
            throw new IllegalStateException(where + " is not a readable inventory: " + e.getMessage(), e);
        }
    }

    public String toJson() {
        return JsonSupport.pretty(this);
    }

    public int maxPoints() {
        return exercises.stream().mapToInt(ExerciseSpec::maxPoints).sum();
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
