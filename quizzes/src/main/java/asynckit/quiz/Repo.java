package asynckit.quiz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where things live in the repository. */
public final class Repo {
    private Repo() {
    }

    public static Path banksDir(Path root) {
        return root.resolve("quizzes").resolve("banks");
    }

    public static Path attemptsDir(Path root) {
        return root.resolve("quizzes").resolve("attempts");
    }

    /** Every {@code *.quiz} file under quizzes/banks, sorted by name. */
    public static List<Path> bankFiles(Path root) throws IOException {
        Path dir = banksDir(root);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".quiz")).sorted().toList();
        }
    }

    /** How a file is named in messages: relative to the repository root, with forward slashes. */
    public static String shown(Path root, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path r = root.toAbsolutePath().normalize();
        String s = abs.startsWith(r) ? r.relativize(abs).toString() : abs.toString();
        return s.replace('\\', '/');
    }

    /** The repository root: the nearest folder at or above {@code start} holding quizzes/banks. */
    public static Path find(Path start) {
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isDirectory(banksDir(p))) {
                return p;
            }
        }
        return start.toAbsolutePath().normalize();
    }

    public static Bank load(Path root, Path file) throws BankException, IOException {
        return BankParser.parse(file, shown(root, file));
    }
}
