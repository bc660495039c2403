package asynckit.grader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Self mode: which files that decide how the tests run differ in the learner's clone from the reference
 * (the build, {@code .mvn/**}, the Maven wrapper, the launcher, the testkit, the grader, every exercise's
 * pom, manifest, tests and given files, the quiz banks). Their edits have no effect (grading uses the
 * reference's files), but they are flagged, and they score 0: a changed shared file for every exercise, an
 * exercise's own file for that exercise, a bank for its quiz.
 *
 * @param shared    changed shared files
 * @param exercises changed files per exercise id (relative to the root), empty lists included
 * @param banks     changed quiz banks ({@code quizzes/banks/NAME.quiz})
 */
record IntegrityCheck(List<String> shared, Map<String, List<String>> exercises, List<String> banks) {

    static IntegrityCheck of(Path learner, Inventory reference) throws IOException {
        List<String> shared = Inventory.changed(reference.shared(), Checksums.shared(learner));
        Map<String, List<String>> exercises = new LinkedHashMap<>();
        for (Inventory.ExerciseSpec spec : reference.exercises()) {
            List<String> files = new ArrayList<>();
            Inventory.changed(spec.files(), Checksums.exercise(learner.resolve(spec.module()), spec.learnerWrites()))
                    .forEach(f -> files.add(spec.module() + "/" + f));
            exercises.put(spec.id(), files);
        }
        List<String> banks = Inventory.changed(reference.quizBanks(), Checksums.quizBanks(learner));
        return new IntegrityCheck(shared, exercises, banks);
    }

    /**
     * Instructor and batch modes: what a learner's repository changed among the kit's files. Nothing of it is
     * used (grading takes only the files the learner writes), but a teacher wants to know. Files the
     * repository simply lacks are not edits (a repository may hold only some exercises), except a test
     * missing from a test folder the learner has; files added beside the given ones are the intake's business.
     */
    static IntegrityCheck edits(Path learner, Inventory kit) throws IOException {
        List<String> shared = Inventory.changed(kit.shared(), Checksums.shared(learner)).stream()
                .filter(f -> !f.endsWith(" (deleted)")).toList();
        Map<String, List<String>> exercises = new LinkedHashMap<>();
        for (Inventory.ExerciseSpec spec : kit.exercises()) {
            Path module = learner.resolve(spec.module());
            List<String> files = new ArrayList<>();
            if (java.nio.file.Files.isDirectory(module, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                boolean hasTests = java.nio.file.Files.isDirectory(module.resolve("src/test"),
                        java.nio.file.LinkOption.NOFOLLOW_LINKS);
                for (String f : Inventory.changed(spec.files(), Checksums.exercise(module, spec.learnerWrites()))) {
                    boolean test = f.startsWith("src/test/");
                    boolean keep = test ? hasTests || !f.endsWith(" (deleted)")
                            : !f.endsWith(" (deleted)") && !f.endsWith(" (added)");
                    if (keep) {
                        files.add(spec.module() + "/" + f);
                    }
                }
            }
            exercises.put(spec.id(), files);
        }
        List<String> banks = Inventory.changed(kit.quizBanks(), Checksums.quizBanks(learner)).stream()
                .filter(f -> !f.endsWith(" (deleted)")).toList();
        return new IntegrityCheck(shared, exercises, banks);
    }

    /** Every changed file that counts against this exercise (shared ones first). */
    List<String> against(String exerciseId) {
        List<String> all = new ArrayList<>(shared);
        all.addAll(exercises.getOrDefault(exerciseId, List.of()));
        return all;
    }

    /** True when the bank of {@code quiz} differs (or was added or deleted). */
    boolean bankChanged(String quiz) {
        String file = "quizzes/banks/" + quiz + ".quiz";
        return banks.stream().anyMatch(b -> b.equals(file) || b.startsWith(file + " "));
    }
}
