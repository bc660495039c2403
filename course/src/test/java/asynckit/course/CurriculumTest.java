package asynckit.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The project's own maps of the course stay true as exercises land: the README's table and the curriculum map. */
class CurriculumTest {
    static final Path ROOT = CourseTest.ROOT;
    static final Pattern EXERCISE_CELL = Pattern.compile("\\d\\d");
    static final Pattern QUIZ_LESSON = Pattern.compile("^lesson: exercise (\\d+)", Pattern.MULTILINE);

    /**
     * The README's exercise table is written from the manifests: outside CI this test (in -Pselftest) writes it when it is
     * stale (so adding an exercise needs no command; commit the README with the exercise), and in CI a stale
     * table fails, since the README people read is the one committed.
     */
    @Test
    void theReadmeTableListsEveryExerciseFromItsManifest() throws IOException {
        Path file = ROOT.resolve("README.md");
        String readme = Files.readString(file);
        String want = Course.withReadmeTable(readme, Course.discover(ROOT));
        if (want.equals(readme)) {
            return;
        }
        if (System.getenv("CI") != null) {
            String table = Course.readmeTable(Course.discover(ROOT));
            assertThat(readme).as("README.md's exercise table is stale. The kit's tests (./mvnw -q -T 1.5C verify -Pselftest) write it from the"
                    + " manifests outside CI; run them once and commit README.md, or paste this between the"
                    + " markers:%n%s", table).isEqualTo(want);
        }
        Files.writeString(file, want);
        System.out.println("README.md: the exercise table was written anew from the exercises' manifests; commit it.");
    }

    @Test
    void theCurriculumMapNamesEveryExerciseThatExists() throws IOException {
        Set<String> built = Course.discover(ROOT).stream().map(Manifest::code).collect(Collectors.toCollection(TreeSet::new));
        Set<String> banks = new TreeSet<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("quizzes/banks"))) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".quiz"))
                    .forEach(n -> banks.add(n.substring(0, n.length() - ".quiz".length())));
        }
        List<String> problems = new ArrayList<>();
        Set<String> mapped = mapped(problems);
        for (String line : rows()) {
            String quiz = line.split("\\|")[4].strip();
            if (!quiz.equals("—") && !banks.contains(quiz)) {
                problems.add("no quiz bank quizzes/banks/" + quiz + ".quiz: " + line);
            }
        }
        for (String code : built) {
            if (!mapped.contains(code)) {
                problems.add("exercise " + code + " is in no row of course/CURRICULUM.md");
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The map's table rows (concept, Java, exercise, quiz), without its header. */
    static List<String> rows() throws IOException {
        return Files.readAllLines(ROOT.resolve("course/CURRICULUM.md")).stream()
                .filter(line -> line.startsWith("| ") && !line.startsWith("| concept") && line.split("\\|").length >= 5)
                .toList();
    }

    /** Every exercise number of the map's exercise column (those that exist and those planned). */
    static Set<String> mapped(List<String> problems) throws IOException {
        Set<String> mapped = new LinkedHashSet<>();
        for (String line : rows()) {
            for (String cell : line.split("\\|")[3].split(",")) {
                String code = cell.strip();
                if (EXERCISE_CELL.matcher(code).matches()) {
                    mapped.add(code);
                } else if (!code.equals("—")) {
                    problems.add("'" + code + "' is not a two-digit exercise number: " + line);
                }
            }
        }
        return mapped;
    }

    @Test
    void quizQuestionsPointAtLessonsThatExistOrArePlanned() throws IOException {
        Set<Integer> known = new TreeSet<>();
        Course.discover(ROOT).forEach(m -> known.add(m.number()));
        List<String> problems = new ArrayList<>();
        mapped(problems).forEach(code -> known.add(Integer.parseInt(code)));
        try (Stream<Path> files = Files.list(ROOT.resolve("quizzes/banks"))) {
            for (Path bank : files.filter(f -> f.toString().endsWith(".quiz")).sorted().toList()) {
                Matcher m = QUIZ_LESSON.matcher(Files.readString(bank));
                while (m.find()) {
                    if (!known.contains(Integer.parseInt(m.group(1)))) {
                        problems.add(bank.getFileName() + ": lesson: exercise " + m.group(1)
                                + " is neither an exercise nor planned in course/CURRICULUM.md");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
