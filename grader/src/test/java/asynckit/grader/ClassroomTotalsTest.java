package asynckit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The autograding reporter computes two totals differently (see {@link ClassroomReport}): per runner on the
 * console, passed tests / all tests x max_score; in its "Points X/Y" notice, the sum of tests[].score over
 * runners with a truthy max_score. Both are recomputed here from what the reporter would decode, and must agree
 * with each other and with what the classroom summary says is counted, for every policy a teacher can choose.
 */
@DisplayName("GitHub autograding results: both reporter totals agree with the kit's total")
class ClassroomTotalsTest {

    /** The reporter's arithmetic, as its v1 source does it. */
    record Decoded(double console, int points, int max) {
        static Decoded of(List<ClassroomReport.Runner> runners) throws Exception {
            double console = 0;
            int points = 0;
            int max = 0;
            for (ClassroomReport.Runner runner : runners) {
                assertThat(runner.id()).matches("[a-zA-Z0-9]+");
                JsonNode result = decode(runner);
                assertThat(result.get("version").asInt()).isEqualTo(1);
                int maxScore = result.get("max_score").asInt();
                long passed = 0;
                for (JsonNode t : result.get("tests")) {
                    if (t.get("status").asText().equals("pass")) {
                        passed++;
                    }
                }
                console += (double) passed / result.get("tests").size() * maxScore;
                if (maxScore != 0) {
                    max += maxScore;
                    for (JsonNode t : result.get("tests")) {
                        points += t.get("score").asInt();
                    }
                }
            }
            return new Decoded(console, points, max);
        }
    }

    static JsonNode decode(ClassroomReport.Runner runner) throws Exception {
        String decoded = new String(Base64.getDecoder().decode(runner.base64()), StandardCharsets.UTF_8);
        return JsonSupport.MAPPER.readTree(decoded);
    }

    @Test
    @DisplayName("console total = Points total = report total, and runner ids are letters and digits")
    void totalsAgree() throws Exception {
        Report report = Samples.report();
        List<ClassroomReport.Runner> runners = ClassroomReport.runners(report);
        Decoded d = Decoded.of(runners);
        assertThat(d.points()).isEqualTo(report.totals().points());
        assertThat(d.console()).isEqualTo(report.totals().points());
        assertThat(d.max()).isEqualTo(report.totals().maxPoints());
        assertThat(ClassroomReport.runnerList(runners)).matches("^([a-zA-Z0-9]+,)*[a-zA-Z0-9]+$");
    }

    static Stream<ClassroomReport.Policy> policies() {
        List<String> ids = Samples.report().exercises().stream().map(Report.Exercise::id).toList();
        return Stream.of(ClassroomReport.Policy.parse("01", "off", ids),
                ClassroomReport.Policy.parse("1-2", "perfect", ids),
                ClassroomReport.Policy.parse("03-gather 02", "attempted", ids),
                ClassroomReport.Policy.parse("all", "points", ids));
    }

    @ParameterizedTest
    @MethodSource("policies")
    @DisplayName("under any policy, both reporter totals agree with the 'counted' line of the summary")
    void totalsAgreeUnderPolicies(ClassroomReport.Policy policy) throws Exception {
        Report report = Samples.report();
        Decoded d = Decoded.of(ClassroomReport.runners(report, policy));
        assertThat(d.console()).isEqualTo(d.points());
        assertThat(ClassroomReport.summary(report, policy))
                .contains("Counted by the autograding reporter: " + d.points() + "/" + d.max() + " points");
    }

    @Test
    @DisplayName("a quiz scored P of M is M/gcd(P,M) equal entries: one entry when it scored all or nothing")
    void quizEntries() throws Exception {
        List<ClassroomReport.Runner> runners = ClassroomReport.runners(Samples.report());
        // async-explained 7/10: ten one-point entries; event-loop 0/5 (not attempted): one entry with the reason
        JsonNode quiz1 = decode(runners.stream().filter(r -> r.id().equals("quiz1")).findFirst().orElseThrow());
        JsonNode quiz2 = decode(runners.stream().filter(r -> r.id().equals("quiz2")).findFirst().orElseThrow());
        assertThat(quiz1.get("tests")).hasSize(10);
        assertThat(quiz2.get("tests")).hasSize(1);
        assertThat(quiz2.get("tests").get(0).get("name").asText()).contains("not attempted yet: ./kit quiz event-loop");
        Report.Quiz half = new Report.Quiz("q", "Q", 6, 12, true, false, true, List.of());
        Report report = Samples.report();
        Report withHalf = new Report(report.schema(), report.version(), report.generatedAt(), report.mode(),
                report.source(), report.seconds(), report.kit(), report.sandbox(), report.notes(), report.exercises(),
                List.of(half), Report.Totals.of(report.exercises(), List.of(half)), report.nextSteps());
        JsonNode q = decode(ClassroomReport.runners(withHalf).stream().filter(r -> r.id().equals("quiz1")).findFirst()
                .orElseThrow());
        assertThat(q.get("tests")).hasSize(2);
        assertThat(q.get("tests").get(0).get("name").asText()).isEqualTo("quiz q: points 1-6 of 12");
        assertThat(q.get("tests").get(0).get("score").asInt()).isEqualTo(6);
        assertThat(Decoded.of(ClassroomReport.runners(withHalf)).console())
                .isEqualTo(withHalf.totals().points());
    }

    @Test
    @DisplayName("messages stay short, so every runner fits a step output easily")
    void shortMessages() {
        for (ClassroomReport.Runner runner : ClassroomReport.runners(Samples.report())) {
            assertThat(runner.envLine().length()).isLessThan(4_000);
        }
    }
}
