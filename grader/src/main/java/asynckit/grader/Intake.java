package asynckit.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes what grading trusts from a learner's repository into a fresh folder of the grader's: only the
 * files each exercise's manifest says the learner writes (every given file comes from the pristine kit),
 * and the saved quiz attempts of the kit's quizzes. A link anywhere on a path is refused, never followed.
 * Everything left out is said, as a note (harmless) or a flag (an attempt to reach what the tests own).
 */
final class Intake {
    static final int MAX_NOTES = 12;

    /** One exercise's sources as graded. */
    record ExerciseFiles(Path sources, List<Path> learnerFiles, List<String> notes, List<String> flags) {}

    /** Everything taken from one learner. */
    record Result(Map<String, ExerciseFiles> exercises, Path quizRoot, List<String> notes, List<String> flags) {}

    private Intake() {}

    /**
     * @param learner  the learner's repository (trusted as a folder; nothing under it is)
     * @param pristine the pristine snapshot
     * @param dest     an empty folder of the grader's
     */
    static Result take(Path learner, Path pristine, Inventory inventory, Path dest) throws IOException {
        if (!Files.isDirectory(learner)) {
            throw new IOException("not a folder: " + learner);
        }
        Map<String, ExerciseFiles> exercises = new LinkedHashMap<>();
        for (Inventory.ExerciseSpec spec : inventory.exercises()) {
            exercises.put(spec.id(), exercise(learner, pristine, spec, dest.resolve("src").resolve(spec.id())));
        }
        List<String> notes = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        Path quizRoot = quizzes(learner, pristine, dest.resolve("quiz-root"), notes, flags);
        return new Result(exercises, quizRoot, notes, flags);
    }

    private static ExerciseFiles exercise(Path learner, Path pristine, Inventory.ExerciseSpec spec, Path sources)
            throws IOException {
        List<String> notes = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        List<Path> learnerFiles = new ArrayList<>();
        String mainDir = spec.module() + "/src/main/java";
        Path kitMain = pristine.resolve(mainDir);
        for (String given : spec.givenFiles()) {
            Path to = sources.resolve(given.substring(InventoryGenerator.MAIN_JAVA.length()));
            Files.createDirectories(to.getParent());
            Files.copy(pristine.resolve(spec.module()).resolve(given), to);
        }
        Path link = FileTrees.firstLink(learner, mainDir);
        for (String file : spec.learnerWrites()) {
            Path to = sources.resolve(file);
            String shown = mainDir + "/" + file;
            FileTrees.Taken taken = link != null ? FileTrees.Taken.LINK
                    : FileTrees.takeFile(learner, shown, to, FileTrees.MAX_FILE_BYTES);
            switch (taken) {
                case COPIED -> learnerFiles.add(to);
                case MISSING -> notes.add(shown + " is missing: the kit's stub is graded");
                case NOT_A_FILE -> notes.add(shown + " is not a regular file: the kit's stub is graded");
                case TOO_LARGE -> notes.add(shown + " is larger than 2 MB: left out, the kit's stub is graded");
                case LINK -> {
                    Path at = link != null ? link : FileTrees.firstLink(learner, shown);
                    flags.add("refused a link at " + FileTrees.slash(learner.relativize(at)) + " (links are never"
                            + " followed): the kit's stub is graded for " + file);
                }
            }
            if (taken != FileTrees.Taken.COPIED) {
                Files.createDirectories(to.getParent());
                Files.copy(kitMain.resolve(file), to);
            }
        }
        if (link == null) {
            List<String> links = new ArrayList<>();
            List<String> files = FileTrees.listFiles(learner.resolve(mainDir), links);
            for (String l : links) {
                if (!spec.learnerWrites().contains(l)) {
                    flags.add("refused a link at " + mainDir + "/" + l + " (links are never followed)");
                }
            }
            List<String> packages = spec.packages();
            for (String f : files) {
                if (spec.learnerWrites().contains(f) || spec.files().containsKey(InventoryGenerator.MAIN_JAVA + f)) {
                    continue;
                }
                String pkg = f.contains("/") ? f.substring(0, f.lastIndexOf('/')).replace('/', '.') : "";
                if (f.endsWith(".java") && !packages.contains(pkg)) {
                    flags.add("left out " + mainDir + "/" + f + ": a class in package " + (pkg.isEmpty() ? "(none)" : pkg)
                            + " would stand in for the tests' or the testkit's (only the files the exercise names are"
                            + " taken)");
                } else {
                    notes.add("left out " + mainDir + "/" + f + ": not a file this exercise has you write (exercise.yaml"
                            + " learner-writes; given files come from the kit)");
                }
            }
        }
        return new ExerciseFiles(sources, List.copyOf(learnerFiles), cap(notes), cap(flags));
    }

    private static List<String> cap(List<String> list) {
        if (list.size() <= MAX_NOTES) {
            return List.copyOf(list);
        }
        List<String> out = new ArrayList<>(list.subList(0, MAX_NOTES));
        out.add("... and " + (list.size() - MAX_NOTES) + " more");
        return List.copyOf(out);
    }

    /** The kit's banks and the learner's attempts at the kit's quizzes, in a quiz root of the grader's. */
    private static Path quizzes(Path learner, Path pristine, Path root, List<String> notes, List<String> flags)
            throws IOException {
        Path banks = pristine.resolve("quizzes/banks");
        if (!Files.isDirectory(banks)) {
            return null;
        }
        Files.createDirectories(root.resolve("quizzes/banks"));
        Path attempts = Files.createDirectories(root.resolve("quizzes/attempts"));
        List<String> bankNames = new ArrayList<>();
        for (String bank : FileTrees.listFiles(banks, new ArrayList<>())) {
            Path to = root.resolve("quizzes/banks").resolve(bank);
            Files.createDirectories(to.getParent());
            Files.copy(banks.resolve(bank), to);
            if (bank.endsWith(".quiz") && !bank.contains("/")) {
                bankNames.add(bank.substring(0, bank.length() - ".quiz".length()));
            }
        }
        Path link = FileTrees.firstLink(learner, "quizzes/attempts");
        if (link != null) {
            flags.add("refused a link at " + FileTrees.slash(learner.relativize(link)) + " (links are never followed):"
                    + " no quiz attempt was taken");
            return root;
        }
        List<String> links = new ArrayList<>();
        Path theirs = learner.resolve("quizzes/attempts");
        for (String f : FileTrees.listFiles(theirs, links)) {
            if (f.contains("/") || !f.endsWith(".json")) {
                continue;
            }
            String quiz = f.substring(0, f.length() - ".json".length());
            if (!bankNames.contains(quiz)) {
                notes.add("quizzes/attempts/" + f + ": the kit has no quiz '" + quiz + "': ignored");
                continue;
            }
            FileTrees.Taken taken = FileTrees.takeFile(learner, "quizzes/attempts/" + f, attempts.resolve(f),
                    FileTrees.MAX_FILE_BYTES);
            if (taken == FileTrees.Taken.TOO_LARGE) {
                notes.add("quizzes/attempts/" + f + " is larger than 2 MB: left out (its attempts count nothing)");
            } else if (taken != FileTrees.Taken.COPIED) {
                notes.add("quizzes/attempts/" + f + " could not be taken (" + taken.name().toLowerCase().replace('_', ' ')
                        + ")");
            }
        }
        for (String l : links) {
            flags.add("refused a link at quizzes/attempts/" + l + " (links are never followed)");
        }
        if (!Files.isDirectory(theirs, LinkOption.NOFOLLOW_LINKS)) {
            return root;
        }
        return root;
    }
}
