package asynckit.quiz;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Loads every bank in the repository and checks it against the curriculum and the rules. */
class AllBanksTest {

    /** One concept slug per row of CURRICULUM.md, with the quiz that row names ("*": any quiz). */
    static final Map<String, String> CURRICULUM = new LinkedHashMap<>();

    static {
        CURRICULUM.put("waiting-problem", "async-explained");
        CURRICULUM.put("calling-does-not-run", "async-explained");
        CURRICULUM.put("await-continuations", "composition");
        CURRICULUM.put("join-at-the-edge", "common-mistakes");
        CURRICULUM.put("async-sleep", "sleep-and-blocking");
        CURRICULUM.put("sequential-vs-concurrent", "async-explained");
        CURRICULUM.put("gather-all-of", "composition");
        CURRICULUM.put("create-task-background", "composition");
        CURRICULUM.put("return-values", "composition");
        CURRICULUM.put("two-task-timeline", "event-loop");
        CURRICULUM.put("common-mistakes", "common-mistakes");
        CURRICULUM.put("timeouts", "timeouts-and-errors");
        CURRICULUM.put("async-errors", "timeouts-and-errors");
        CURRICULUM.put("bounded-concurrency", "composition");
        CURRICULUM.put("virtual-threads", "threads-vs-async");
        CURRICULUM.put("cooperative-vs-preemptive", "threads-vs-async");
        CURRICULUM.put("cpu-vs-io", "concurrency-vs-parallelism");
        CURRICULUM.put("async-http", "sleep-and-blocking");
        CURRICULUM.put("event-loop", "event-loop");
        CURRICULUM.put("event-driven-queues", "event-loop");
        CURRICULUM.put("capstone-hot-path", "*");
        CURRICULUM.put("async-endpoints", "*");
    }

    static final List<String> REQUIRED = List.of("async-explained", "sleep-and-blocking", "composition",
            "common-mistakes", "threads-vs-async", "concurrency-vs-parallelism", "event-loop");

    static Path root;
    static List<Bank> banks = new ArrayList<>();

    static Path repoRoot() {
        String prop = System.getProperty("kit.root");
        return Repo.find(prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("").toAbsolutePath());
    }

    @BeforeAll
    static void loadAll() throws Exception {
        root = repoRoot();
        banks.clear();
        for (Path file : Repo.bankFiles(root)) {
            banks.add(Repo.load(root, file)); // throws with file:line messages if any bank is malformed
        }
    }

    @Test
    @DisplayName("every bank in the repository loads, and the seven required quizzes exist with 8+ questions")
    void banksExist() {
        assertThat(banks).extracting(Bank::name).containsAll(REQUIRED);
        assertThat(banks).hasSizeGreaterThanOrEqualTo(7);
        for (Bank b : banks) {
            assertThat(b.questions()).as(b.name()).hasSizeGreaterThanOrEqualTo(8);
        }
    }

    @Test
    @DisplayName("every question has a valid key worth its points, distinct options and a concept from the curriculum")
    void validKeys() {
        for (Bank b : banks) {
            for (Question q : b.questions()) {
                String where = b.name() + "/" + q.id();
                if (!(q.kind() == Kind.SHORT && q.accepted().isEmpty())) {
                    assertThat(Scoring.formProblem(q, Scoring.key(q))).as(where).isEmpty();
                    assertThat(Scoring.points(q, Scoring.key(q))).as(where).isEqualTo(q.points());
                }
                if (q.kind() == Kind.SHORT) {
                    q.accepted().forEach(a -> assertThat(Scoring.isCorrect(q, a)).as(where + " accepts " + a).isTrue());
                }
                assertThat(new HashSet<>(q.options())).as(where + " options").hasSameSizeAs(q.options());
                assertThat(CURRICULUM).as(where + " concept").containsKey(q.concept());
                assertThat(q.lesson()).as(where).matches("exercise \\d\\d");
                if (q.kind() == Kind.OUTPUT || q.kind() == Kind.ORDER && q.code() != null) {
                    assertThat(q.runnable()).as(where + ": code questions are proven by a snippet").isNotNull();
                }
            }
        }
    }

    @Test
    @DisplayName("every row of CURRICULUM.md is checked by a question in the quiz the row names")
    void curriculumCovered() {
        for (var row : CURRICULUM.entrySet()) {
            List<String> where = banks.stream()
                    .filter(b -> b.questions().stream().anyMatch(q -> q.concept().equals(row.getKey())))
                    .map(Bank::name).toList();
            assertThat(where).as(row.getKey()).isNotEmpty();
            if (!row.getValue().equals("*")) {
                assertThat(where).as(row.getKey()).contains(row.getValue());
            }
        }
    }

    @Test
    @DisplayName("the banks mix the kinds: every kind is used, and each bank has at least three")
    void kindsMixed() {
        Set<Kind> all = EnumSet.noneOf(Kind.class);
        for (Bank b : banks) {
            Set<Kind> kinds = EnumSet.noneOf(Kind.class);
            b.questions().forEach(q -> kinds.add(q.kind()));
            assertThat(kinds).as(b.name()).hasSizeGreaterThanOrEqualTo(3);
            all.addAll(kinds);
        }
        assertThat(all).containsExactlyInAnyOrder(Kind.values());
    }

    @Test
    @DisplayName("QuizGrading on the repository: every bank graded without problems")
    void gradingTheRepository() throws Exception {
        List<QuizGrade> grades = QuizGrading.gradeAll(root);
        assertThat(grades).extracting(QuizGrade::quiz).containsAll(REQUIRED);
        grades.forEach(g -> assertThat(g.problems()).as(g.quiz()).isEmpty());
        assertThat(QuizGrading.maxPointsAll(root)).isEqualTo(banks.stream().mapToInt(Bank::maxPoints).sum());
    }
}
