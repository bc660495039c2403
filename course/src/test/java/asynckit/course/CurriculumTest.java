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
    static final Pattern EXERCISE_CELL = Pattern.compile("(\\d\\d)( \\*planned\\*)?");
    static final Pattern QUIZ_LESSON = Pattern.compile("^lesson: exercise (\\d+)", Pattern.MULTILINE);

    @Test
    void theReadmeTableListsEveryExerciseFromItsManifest() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String start = "<!-- exercises:start";
        String end = "<!-- exercises:end -->";
        assertThat(readme).as("README.md must hold the exercise table between markers").contains(start, end);
        String table = readme.substring(readme.indexOf('\n', readme.indexOf(start)) + 1, readme.indexOf(end));
        String want = Course.readmeTable(Course.discover(ROOT));
        assertThat(table)
                .as("README.md's exercise table is generated from the manifests; paste this between the markers:%n%s", want)
                .isEqualTo(want);
    }

    @Test
    void theCurriculumMapNamesOnlyExercisesThatExistOrArePlanned() throws IOException {
        Set<String> built = Course.discover(ROOT).stream().map(Manifest::code).collect(Collectors.toCollection(TreeSet::new));
        Set<String> banks = new TreeSet<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("quizzes/banks"))) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".quiz"))
                    .forEach(n -> banks.add(n.substring(0, n.length() - ".quiz".length())));
        }
        Set<String> mapped = new LinkedHashSet<>();
        Set<String> planned = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve("course/CURRICULUM.md"))) {
            String[] cells = line.split("\\|");
            if (!line.startsWith("| ") || cells.length < 5 || line.startsWith("| concept")) {
                continue;
            }
            for (String cell : cells[3].split(",")) {
                Matcher m = EXERCISE_CELL.matcher(cell.strip());
                if (!m.matches()) {
                    continue;
                }
                if (m.group(2) != null) {
                    planned.add(m.group(1));
                    if (built.contains(m.group(1))) {
                        problems.add("exercise " + m.group(1) + " exists now: drop *planned* in: " + line);
                    }
                } else {
                    mapped.add(m.group(1));
                    if (!built.contains(m.group(1))) {
                        problems.add("exercise " + m.group(1) + " does not exist (mark it *planned*): " + line);
                    }
                }
            }
            String quiz = cells[4].strip();
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

    @Test
    void quizQuestionsPointAtLessonsThatExistOrArePlanned() throws IOException {
        Set<Integer> known = new TreeSet<>();
        Course.discover(ROOT).forEach(m -> known.add(m.number()));
        Matcher planned = Pattern.compile("(\\d\\d) \\*planned\\*").matcher(Files.readString(ROOT.resolve("course/CURRICULUM.md")));
        while (planned.find()) {
            known.add(Integer.parseInt(planned.group(1)));
        }
        List<String> problems = new ArrayList<>();
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
