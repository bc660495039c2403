package asynckit.grader;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A pristine copy of the kit in which a learner's work is graded (instructor and batch modes). Only
 * each exercise's {@code src/main/java} (and saved quiz attempts) come from the learner: edited tests,
 * poms, build settings or report files in the learner's repository have no effect.
 */
public final class Workspace {
    private static final Set<String> SKIPPED = Set.of(".git", "target", ".kit", "grade-report", "node_modules",
            ".idea", ".vscode");
    static final long MAX_FILE_BYTES = 2L * 1024 * 1024;
    static final int MAX_FILES = 2_000;

    private final Path kit;
    private final Path dir;
    private final Inventory inventory;
    private boolean copied;

    public Workspace(Path kit, Path dir, Inventory inventory) {
        this.kit = kit.toAbsolutePath().normalize();
        this.dir = dir.toAbsolutePath().normalize();
        this.inventory = inventory;
    }

    public Path dir() {
        return dir;
    }

    /** Makes the workspace the pristine kit plus the learner's sources; returns notes on what was left out. */
    public List<String> prepare(Path learner) throws IOException {
        learner = learner.toAbsolutePath().normalize();
        if (!Files.isDirectory(learner)) {
            throw new IOException("not a folder: " + learner);
        }
        if (!copied) {
            if (Files.exists(dir)) {
                Grader.deleteTree(dir);
            }
            copyTree(kit, dir, true);
            List<String> drift = Inventory.changed(inventory.shared(), Checksums.shared(dir));
            drift.addAll(Inventory.changed(inventory.quizBanks(), Checksums.quizBanks(dir)));
            for (Inventory.ExerciseSpec spec : inventory.exercises()) {
                Inventory.changed(spec.files(), Checksums.exercise(dir.resolve(spec.module())))
                        .forEach(f -> drift.add(spec.module() + "/" + f));
            }
            if (!drift.isEmpty()) {
                throw new IOException("the kit at " + kit + " is not pristine (it differs from the grader's inventory: "
                        + String.join(", ", drift.subList(0, Math.min(5, drift.size())))
                        + "); grade from a clean checkout of the kit, or regenerate the inventory: "
                        + Inventory.REGENERATE);
            }
            copied = true;
        }
        java.util.ArrayList<String> notes = new java.util.ArrayList<>();
        for (Inventory.ExerciseSpec spec : inventory.exercises()) {
            Path target = dir.resolve(spec.module());
            Grader.deleteTree(target.resolve("target"));
            Path main = target.resolve("src/main/java");
            Grader.deleteTree(main);
            Path theirs = learner.resolve(spec.module()).resolve("src/main/java");
            if (Files.isDirectory(theirs, LinkOption.NOFOLLOW_LINKS)) {
                int[] count = {0};
                copySources(theirs, main, count, notes);
            } else {
                notes.add(spec.module() + "/src/main/java is missing: the stub is graded");
                copyTree(kit.resolve(spec.module()).resolve("src/main/java"), main, false);
            }
        }
        Path attempts = dir.resolve("quizzes/attempts");
        if (Files.isDirectory(dir.resolve("quizzes"))) {
            Grader.deleteTree(attempts);
            Files.createDirectories(attempts);
            Path theirs = learner.resolve("quizzes/attempts");
            if (Files.isDirectory(theirs, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> files = Files.list(theirs)) {
                    for (Path f : files.sorted().toList()) {
                        String name = f.getFileName().toString();
                        if (name.endsWith(".json") && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                                && Files.size(f) <= MAX_FILE_BYTES) {
                            Files.copy(f, attempts.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
        }
        return notes;
    }

    private static void copySources(Path from, Path to, int[] count, List<String> notes) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (!attrs.isRegularFile()) {
                    notes.add("left out (not a regular file): " + f);
                } else if (attrs.size() > MAX_FILE_BYTES) {
                    notes.add("left out (larger than 2 MB): " + f);
                } else if (++count[0] > MAX_FILES) {
                    notes.add("left out (more than " + MAX_FILES + " files): " + f);
                } else {
                    Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.REPLACE_EXISTING);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void copyTree(Path from, Path to, boolean skipBuildOutput) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (skipBuildOutput && !d.equals(from) && (SKIPPED.contains(d.getFileName().toString())
                        || from.relativize(d).toString().replace('\\', '/').equals("quizzes/attempts"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Path target = to.resolve(from.relativize(f).toString());
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
