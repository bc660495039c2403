package asynckit.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch mode's pieces that need no grading: shards, rows, CSV, the cohort page, merging shards. */
@DisplayName("Batch: shards, rows, CSV, the cohort page and merging")
class BatchTest {
    @TempDir
    Path temp;

    static final Map<String, Integer> MAX = new LinkedHashMap<>(Map.of("01-waiting-problem", 25));

    static Batch.Row row(String name, int points, Map<String, Integer> mistakes, Batch.Marks marks) {
        return new Batch.Row(name, points + 3, 35, points, 25, 3, 10, Map.of("01-waiting-problem", points),
                Map.of("event-loop", 3), mistakes, marks, List.of(), null, 12.5);
    }

    static Batch.Summary summary(String shard, String kit, List<Batch.Row> rows) {
        return new Batch.Summary(Batch.SCHEMA, Batch.VERSION, "2026-11-21T06:00:00Z", 35, MAX,
                Map.of("event-loop", 10), kit, "sandboxed", shard, 1, 2, 30, rows);
    }

    @Test
    @DisplayName("shards are deterministic, about equal, and together take every learner exactly once")
    void shards() {
        List<Integer> all = IntStream.range(0, 23).boxed().toList();
        List<Integer> union = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            List<Integer> part = new Batch.Shard(i, 4).of(all);
            assertThat(part.size()).isBetween(5, 6);
            assertThat(new Batch.Shard(i, 4).of(all)).isEqualTo(part);
            union.addAll(part);
        }
        assertThat(union).containsExactlyInAnyOrderElementsOf(all);
        assertThat(Batch.Shard.parse(" 2/4 ")).isEqualTo(new Batch.Shard(2, 4));
        assertThat(Batch.Shard.parse(null)).isEqualTo(Batch.Shard.ALL);
        assertThatThrownBy(() -> Batch.Shard.parse("0/4")).hasMessageContaining("1 <= i <= n");
        assertThatThrownBy(() -> Batch.Shard.parse("5/4")).hasMessageContaining("1 <= i <= n");
        assertThatThrownBy(() -> Batch.Shard.parse("two")).hasMessageContaining("i/n");
    }

    @Test
    @DisplayName("a learner's row carries subtotals, the mistakes named, and marks for edits, answers files, compile"
            + " errors and timeouts")
    void rowFromReport() {
        Report report = Samples.report();
        Batch.Row row = Batch.row("ada", report, 3.5, List.of());
        assertThat(row.exercisePoints()).isEqualTo(report.totals().exercisePoints());
        assertThat(row.quizPoints()).isEqualTo(report.totals().quizPoints());
        assertThat(row.mistakes()).containsEntry("01-waiting-problem [blocked-the-caller]", 1);
        assertThat(row.marks().testsEdited()).containsExactly("01-waiting-problem", "03-gather");
        assertThat(row.marks().answersFile()).containsExactly("async-explained");
        assertThat(row.marks().didNotCompile()).containsExactly("02-sleeping-without-blocking");
        assertThat(row.marks().lines()).contains("tests edited: 01, 03", "answers file: async-explained",
                "did not compile: 02");
        assertThat(Batch.plainLine(3, 20, row)).startsWith("[ 3/20] ada: exercises 10/75, quizzes 7/21, 3.5 s;")
                .doesNotContain("\r");
    }

    @Test
    @DisplayName("the CSV has subtotals, mistakes and marks, and neutralises cells a spreadsheet would run")
    void csv() {
        Batch.Row a = row("=cmd()", 25, Map.of("01-waiting-problem [one-at-a-time]", 2),
                new Batch.Marks(List.of("01-waiting-problem"), List.of(), List.of(), List.of(), List.of()));
        List<String> lines = Batch.csv(summary(null, "k", List.of(a))).lines().toList();
        assertThat(lines.get(0)).isEqualTo("learner,ex 01-waiting-problem,quiz event-loop,exercises,quizzes,total,max,"
                + "mistakes,marks,flags,error,seconds");
        assertThat(lines.get(1)).isEqualTo("'=cmd(),25,3,25,3,28,35,01-waiting-problem [one-at-a-time] x2,"
                + "tests edited: 01,,,12.5");
    }

    @Test
    @DisplayName("the cohort page: distribution per exercise, the most common mistakes, each learner's flags")
    void cohortPage() {
        Batch.Marks late = new Batch.Marks(List.of(), List.of("event-loop"), List.of(), List.of("01-waiting-problem"),
                List.of());
        String html = CohortPage.render(summary(null, "k", List.of(
                row("ada", 25, Map.of(), Batch.Marks.NONE),
                row("bob", 0, Map.of("01-waiting-problem [one-at-a-time]", 3), late),
                row("cy", 10, Map.of("01-waiting-problem [one-at-a-time]", 1,
                        "01-waiting-problem [completion-order]", 1), Batch.Marks.NONE))));
        assertThat(html).contains("<h1>Cohort: 3 learners</h1>")
                .contains("aria-label=\"0: 1, 1-24 %: 0, 25-49 %: 1, 50-74 %: 0, 75-99 %: 0, 100 %: 1\"")
                .contains("<code>01-waiting-problem [one-at-a-time]</code></td><td class=\"num\">2</td>"
                        + "<td class=\"num\">4</td>")
                .contains("<a href=\"learners/bob/report.html\">bob</a>")
                .contains("<span class=\"badge\">answers file: event-loop</span>")
                .contains("<span class=\"badge\">timed out: 01</span>");
        assertThat(html.indexOf("[one-at-a-time]")).isLessThan(html.indexOf("[completion-order]"));
        assertThat(CohortPage.band(0, 25)).isZero();
        assertThat(CohortPage.band(1, 25)).isEqualTo(1);
        assertThat(CohortPage.band(24, 25)).isEqualTo(4);
        assertThat(CohortPage.band(25, 25)).isEqualTo(5);
        assertThat(CohortPage.median(new int[] {1, 2, 3, 10})).isEqualTo(2.5);
    }

    @Test
    @DisplayName("merging shards: one CSV, JSON and page with every learner and their reports; mixed kits and"
            + " learners graded twice are refused")
    void merge() throws IOException {
        Path one = write("one", summary("1/2", "kit A", List.of(row("cy", 10, Map.of(), Batch.Marks.NONE),
                row("ada", 25, Map.of(), Batch.Marks.NONE))));
        Files.createDirectories(one.resolve("learners/ada"));
        Files.writeString(one.resolve("learners/ada/report.html"), "ada's report");
        Path two = write("two", summary("2/2", "kit A", List.of(row("bob", 0, Map.of(), Batch.Marks.NONE))));

        Batch.Summary merged = Batch.merge(List.of(one, two), temp.resolve("merged"));

        assertThat(merged.learners()).extracting(Batch.Row::learner).containsExactly("ada", "bob", "cy");
        assertThat(merged.shards()).isEqualTo(2);
        assertThat(merged.shard()).isNull();
        assertThat(merged.seconds()).isEqualTo(60);
        assertThat(temp.resolve("merged/learners/ada/report.html")).hasContent("ada's report");
        assertThat(Files.readAllLines(temp.resolve("merged/batch.csv"))).hasSize(4);
        assertThat(temp.resolve("merged/cohort.html")).isRegularFile();
        Batch.Summary read = JsonSupport.MAPPER.readValue(temp.resolve("merged/batch.json").toFile(),
                Batch.Summary.class);
        assertThat(read).isEqualTo(merged);

        Path other = write("other", summary("2/2", "kit B", List.of(row("dan", 0, Map.of(), Batch.Marks.NONE))));
        assertThatThrownBy(() -> Batch.merge(List.of(one, other), temp.resolve("bad")))
                .hasMessageContaining("different kits");
        assertThatThrownBy(() -> Batch.merge(List.of(one, one), temp.resolve("bad")))
                .hasMessageContaining("learner cy was graded in two shards");
        assertThatThrownBy(() -> Batch.merge(List.of(temp), temp.resolve("bad")))
                .hasMessageContaining("holds no batch.json");
    }

    private Path write(String name, Batch.Summary s) throws IOException {
        Path dir = Files.createDirectories(temp.resolve(name));
        Files.writeString(dir.resolve("batch.json"), JsonSupport.pretty(s));
        return dir;
    }

    @Test
    @DisplayName("learners at once by default: at least one, at most one per core")
    void defaultJobs() {
        int jobs = Batch.defaultJobs(Sandbox.Limits.defaults());
        assertThat(jobs).isBetween(1, Runtime.getRuntime().availableProcessors());
    }
}
