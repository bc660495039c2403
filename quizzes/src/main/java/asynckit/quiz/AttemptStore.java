package asynckit.quiz;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Reads and appends to {@code quizzes/attempts/NAME.json}: every attempt is kept, oldest first. */
public final class AttemptStore {

    /** The whole file. */
    @JsonPropertyOrder({"format", "quiz", "attempts"})
    public record AttemptsFile(int format, String quiz, List<Attempt> attempts) {
    }

    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;

    public AttemptStore(Path attemptsDir) {
        this.dir = attemptsDir;
    }

    public Path fileFor(String quiz) {
        return dir.resolve(quiz + ".json");
    }

    /** Every attempt saved for {@code quiz}, oldest first; empty if none. Throws if the file is not valid. */
    public List<Attempt> load(String quiz) throws IOException {
        Path file = fileFor(quiz);
        if (!Files.exists(file)) {
            return List.of();
        }
        AttemptsFile f = JSON.readValue(file.toFile(), AttemptsFile.class);
        if (f == null || f.attempts() == null) {
            throw new IOException(file + ": no \"attempts\" list");
        }
        return f.attempts();
    }

    /** One attempt as the JSON text the file holds. */
    public static String toJson(Attempt attempt) throws IOException {
        return JSON.writeValueAsString(attempt);
    }

    public void append(String quiz, Attempt attempt) throws IOException {
        List<Attempt> all = new ArrayList<>(load(quiz));
        all.add(attempt);
        Files.createDirectories(dir);
        Path file = fileFor(quiz);
        Path tmp = Files.createTempFile(dir, quiz, ".tmp");
        JSON.writeValue(tmp.toFile(), new AttemptsFile(FORMAT, quiz, all));
        Files.writeString(tmp, Files.readString(tmp) + "\n");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
