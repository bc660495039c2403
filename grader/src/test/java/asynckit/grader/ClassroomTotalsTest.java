package asynckit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The autograding reporter computes two totals differently (see FORMATS.md): per runner on the console,
 * passed tests / all tests x max_score; in its "Points X/Y" notice, the sum of tests[].score over runners
 * with a truthy max_score. Both are recomputed here from what the reporter would decode, and must agree
 * with each other and with the kit's own total.
 */
@DisplayName("GitHub autograding results: both reporter totals agree with the kit's total")
class ClassroomTotalsTest {

    @Test
    @DisplayName("console total = Points total = report total, and runner ids are letters and digits")
    void totalsAgree() throws Exception {
        Report report = Samples.report();
        List<ClassroomReport.Runner> runners = ClassroomReport.runners(report);

        double console = 0;
        int points = 0;
        int max = 0;
        for (ClassroomReport.Runner runner : runners) {
            assertThat(runner.id()).matches("[a-zA-Z0-9]+");
            String decoded = new String(Base64.getDecoder().decode(runner.base64()), StandardCharsets.UTF_8);
            JsonNode result = JsonSupport.MAPPER.readTree(decoded);
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
        assertThat(points).isEqualTo(report.totals().points());
        assertThat(console).isEqualTo(report.totals().points());
        assertThat(max).isEqualTo(report.totals().maxPoints());
        assertThat(ClassroomReport.runnerList(runners)).matches("^([a-zA-Z0-9]+,)*[a-zA-Z0-9]+$");
    }

    @Test
    @DisplayName("messages stay short, so every runner fits a step output easily")
    void shortMessages() {
        for (ClassroomReport.Runner runner : ClassroomReport.runners(Samples.report())) {
            assertThat(runner.envLine().length()).isLessThan(4_000);
        }
    }
}
