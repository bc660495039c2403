package asynckit.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** A copy of the kit's exercises (and optionally quizzes and solutions) in a temporary folder, to work on. */
final class KitCopy {
    static final Path ROOT = Path.of(System.getProperty("kit.root", "..")).toAbsolutePath().normalize();

    private KitCopy() {}

    /** Copies exercises/NN-* (manifest, lesson, sources), quizzes/banks and, if asked, solutions/NN-&#42;/src. */
    static Path make(Path dest, boolean withSolutions, boolean withQuizzes) throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT.resolve("exercises"))) {
            for (Path d : dirs.filter(p -> Files.isRegularFile(p.resolve("exercise.yaml"))).sorted().toList()) {
                Path to = dest.resolve("exercises").resolve(d.getFileName().toString());
                copy(d.resolve("exercise.yaml"), to.resolve("exercise.yaml"));
                copy(d.resolve("README.md"), to.resolve("README.md"));
                copyTree(d.resolve("src"), to.resolve("src"));
                if (withSolutions) {
                    Path sol = ROOT.resolve("solutions").resolve(d.getFileName().toString()).resolve("src");
                    copyTree(sol, dest.resolve("solutions").resolve(d.getFileName().toString()).resolve("src"));
                }
            }
        }
        if (withQuizzes) {
            copyTree(ROOT.resolve("quizzes/banks"), dest.resolve("quizzes/banks"));
            Files.createDirectories(dest.resolve("quizzes/attempts"));
        }
        return dest;
    }

    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    /** Runs git in {@code dir}; fails the test when git fails. */
    static void git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-c", "user.name=kit test", "-c",
                "user.email=kit@test", "-c", "commit.gpgsign=false"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + out);
        }
    }
}
