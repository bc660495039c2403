package asynckit.launcher;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The learner's own progress, kept in {@code .kit/state.json} (git-ignored): per exercise, how many
 * hints were shown and the last run's result with a digest of the learner's files at the time, so
 * {@code ./kit list} can tell a result that still holds from one the code has moved past.
 */
public final class State {
    public static final String FILE = ".kit/state.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** The last run of an exercise's tests. */
    public record LastRun(int passed, int total, int points, int maxPoints, String firstMistake, String digest,
                          String at) {
        public boolean done() {
            return total > 0 && passed == total;
        }
    }

    /** One exercise's record. */
    public static final class Entry {
        public int hintsShown;
        public LastRun lastRun;
    }

    public Map<String, Entry> exercises = new TreeMap<>();

    private State() {}

    public Entry of(String exerciseId) {
        return exercises.computeIfAbsent(exerciseId, k -> new Entry());
    }

    /** Reads the state; a missing or unreadable file is a fresh start (it is only the learner's own view). */
    public static State load(Path root) {
        Path file = root.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try {
                State s = JSON.readValue(file.toFile(), State.class);
                if (s != null && s.exercises != null) {
                    return s;
                }
            } catch (IOException e) {
                // fall through: start again rather than stop the learner
            }
        }
        return new State();
    }

    public void save(Path root) throws IOException {
        Path file = root.resolve(FILE);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("state.json.tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
