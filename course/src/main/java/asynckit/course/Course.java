package asynckit.course;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The course: every exercise of the kit, in order. The one rule for what an exercise is: a folder
 * {@code exercises/NN-slug} that holds an {@code exercise.yaml}. Everything that lists exercises (the
 * build's module list aside) asks this class.
 */
public final class Course {
    private static final ObjectReader READER = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .readerFor(Manifest.class);

    private Course() {}

    /** Every exercise under {@code root/exercises}, by number; fails with every problem of every manifest. */
    public static List<Manifest> discover(Path root) throws IOException {
        List<Manifest> all = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path dir : exerciseDirs(root)) {
            try {
                all.add(read(dir));
            } catch (ManifestException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ManifestException(String.join("\n", problems));
        }
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i).number() == all.get(i - 1).number()) {
                throw new ManifestException("two exercises have the number " + all.get(i).code() + ": "
                        + all.get(i - 1).id() + " and " + all.get(i).id());
            }
        }
        return List.copyOf(all);
    }

    /** The exercise folders (those with a manifest), sorted by name. */
    public static List<Path> exerciseDirs(Path root) throws IOException {
        Path exercises = root.resolve("exercises");
        if (!Files.isDirectory(exercises, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(exercises)) {
            return dirs.filter(d -> Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS))
                    .filter(d -> Files.isRegularFile(d.resolve(Manifest.FILE), LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList();
        }
    }

    /** The exercise whose folder name or number matches {@code key} ({@code 01}, {@code 1}, {@code 01-waiting-problem}). */
    public static Manifest find(List<Manifest> course, String key) {
        String k = key.strip();
        for (Manifest m : course) {
            if (m.id().equals(k) || m.code().equals(k) || (k.matches("\\d+") && m.number() == Integer.parseInt(k))) {
                return m;
            }
        }
        throw new IllegalArgumentException("no exercise '" + key + "'; the exercises are "
                + course.stream().map(Manifest::code).toList());
    }

    /** Reads {@code dir/exercise.yaml}; the exercise's id is the folder's name. */
    public static Manifest read(Path dir) throws IOException {
        Path file = dir.resolve(Manifest.FILE);
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, dir.getFileName().toString(), dir.getFileName() + "/" + Manifest.FILE);
        }
    }

    /**
     * Reads a manifest from a stream.
     *
     * @param id    the exercise's folder name
     * @param where how error messages name the file
     */
    public static Manifest read(InputStream in, String id, String where) throws IOException {
        Manifest raw;
        try {
            raw = READER.readValue(in);
        } catch (IOException e) {
            throw new ManifestException(where + ": not a readable manifest: " + firstLine(e.getMessage()));
        }
        if (raw == null) {
            throw new ManifestException(where + ": empty");
        }
        Manifest m = new Manifest(id, raw.title(), raw.summary(), raw.points(),
                raw.learnerWrites() == null ? List.of() : List.copyOf(raw.learnerWrites()),
                raw.hints() == null ? List.of() : List.copyOf(raw.hints()),
                raw.mistakes() == null ? List.of() : List.copyOf(raw.mistakes()),
                raw.blockingCalls());
        List<String> problems = m.problems();
        if (!problems.isEmpty()) {
            throw new ManifestException(where + ": " + String.join("; ", problems));
        }
        return m;
    }

    /** The README's exercise table (between the {@code exercises:start} and {@code exercises:end} markers). */
    public static String readmeTable(List<Manifest> course) {
        StringBuilder out = new StringBuilder("| # | exercise | what you practise | points |\n|---|---|---|---|\n");
        for (Manifest m : course) {
            out.append("| ").append(m.code()).append(" | [").append(m.title()).append("](").append(m.lesson())
                    .append(") | ").append(m.summary()).append(" | ").append(m.points()).append(" |\n");
        }
        return out.toString();
    }

    /** The marker lines around the README's exercise table. */
    public static final String TABLE_START = "<!-- exercises:start";
    public static final String TABLE_END = "<!-- exercises:end -->";

    /**
     * {@code readme} with the text between its table markers replaced by {@link #readmeTable}; the same text
     * when the table is up to date.
     *
     * @throws IllegalArgumentException when the markers are missing or out of order
     */
    public static String withReadmeTable(String readme, List<Manifest> course) {
        int start = readme.indexOf(TABLE_START);
        int end = readme.indexOf(TABLE_END);
        int from = start < 0 ? -1 : readme.indexOf('\n', start) + 1;
        if (start < 0 || end < 0 || from <= 0 || from > end) {
            throw new IllegalArgumentException("the README must hold the exercise table between a line starting with '"
                    + TABLE_START + "' and a line '" + TABLE_END + "'");
        }
        return readme.substring(0, from) + readmeTable(course) + readme.substring(end);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A manifest that cannot be read or is not sound; the message says which file and what is wrong. */
    public static final class ManifestException extends IOException {
        private static final long serialVersionUID = 1L;

        public ManifestException(String message) {
            super(message);
        }
    }
}
