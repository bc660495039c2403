package asynckit.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import asynckit.course.Manifest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Maven agreement: which exercises Maven's run covers")
class MavenAgreementTest {

    private static List<Manifest> course(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> new Manifest(String.format("%02d-ex", i), "t", "s", 25,
                List.of(), List.of(), List.of(), null)).toList();
    }

    @Test
    @DisplayName("a small course is covered whole, solution and stub in turn")
    void smallCourseWhole() {
        Map<Manifest, Implementation.Kind> chosen = MavenAgreement.choose(course(4), "abc", false);
        assertThat(chosen).hasSize(4);
        assertThat(chosen.values()).containsExactly(Implementation.Kind.SOLUTION, Implementation.Kind.STUB,
                Implementation.Kind.SOLUTION, Implementation.Kind.STUB);
    }

    @Test
    @DisplayName("sixteen exercises: four per commit, both kinds each time, the same four for the same commit, and"
            + " every exercise covered by some commit")
    void sixteenRotate() {
        List<Manifest> course = course(16);
        Set<String> covered = new HashSet<>();
        for (String commit : List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f")) {
            Map<Manifest, Implementation.Kind> chosen = MavenAgreement.choose(course, commit, false);
            assertThat(chosen).hasSize(MavenAgreement.SHARE);
            assertThat(chosen.values()).contains(Implementation.Kind.SOLUTION, Implementation.Kind.STUB);
            assertThat(MavenAgreement.choose(course, commit, false)).isEqualTo(chosen);
            chosen.keySet().forEach(m -> covered.add(m.id()));
        }
        assertThat(covered).hasSize(16);
        assertThat(MavenAgreement.choose(course, "1", true)).hasSize(16);
    }
}
