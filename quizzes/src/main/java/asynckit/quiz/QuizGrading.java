package asynckit.quiz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The grader's entry point into the quizzes (a stable API: other modules call it).
 *
 * <p>{@link #gradeAll(Path)} loads every bank in {@code <repoRoot>/quizzes/banks/*.quiz}, reads the
 * attempts in {@code <repoRoot>/quizzes/attempts/NAME.json}, and returns one {@link QuizGrade} per bank
 * (sorted by quiz name), plus one for any attempts file whose bank is missing. For each quiz:
 * <ul>
 *   <li>every saved attempt is <b>re-scored</b> from its saved answers against the current bank; the
 *       score saved in the file is never trusted (a mismatch is reported in {@code problems} when the
 *       attempt was taken against this very bank);</li>
 *   <li>{@code points} is the best re-scored attempt; {@code attempted} says whether any attempt exists;</li>
 *   <li>{@code bankChanged} is true when that best attempt's {@code bankChecksum} differs from the
 *       bank's current checksum (it still scores against the current bank, answers to questions that no
 *       longer exist count nothing);</li>
 *   <li>a malformed bank or attempts file never throws: its messages ({@code file:line: what}) go to
 *       {@code problems}, and a malformed bank has {@code maxPoints} 0.</li>
 * </ul>
 * <p>Graded quizzes: in a learner's starter copy the bank is sealed ({@link Sealer}); there the grade is
 * {@code sealed}, with 0 points (the answers cannot be scored without the key). Against the teacher's full bank,
 * attempts taken on the sealed form (their {@code sealed} flag, or the checksum of the sealed form) are translated
 * back to the full bank's letters and scored; the first complete one counts (the best one when none is complete),
 * and attempts not taken on the sealed form are not counted.
 *
 * <p>{@link #maxPointsAll(Path)} is the sum of {@code maxPoints} over the readable banks.
 *
 * <p>Only I/O failures outside these files (for example an unreadable banks folder) are thrown.
 */
public final class QuizGrading {

    private QuizGrading() {
    }

    public static List<QuizGrade> gradeAll(Path repoRoot) throws IOException {
        List<QuizGrade> grades = new ArrayList<>();
        AttemptStore store = new AttemptStore(Repo.attemptsDir(repoRoot));
        Set<String> banks = new TreeSet<>();
        for (Path file : Repo.bankFiles(repoRoot)) {
            String name = file.getFileName().toString().replaceFirst("\\.quiz$", "");
            banks.add(name);
            grades.add(grade(repoRoot, name, file, store));
        }
        for (String orphan : orphanAttempts(repoRoot, banks)) {
            grades.add(new QuizGrade(orphan, orphan, 0, 0, true, true, List.of(
                    Repo.shown(repoRoot, store.fileFor(orphan)) + ": attempts for a quiz with no bank "
                            + "(quizzes/banks/" + orphan + ".quiz)")));
        }
        return List.copyOf(grades);
    }

    public static int maxPointsAll(Path repoRoot) throws IOException {
        return gradeAll(repoRoot).stream().mapToInt(QuizGrade::maxPoints).sum();
    }

    /** Grades one bank file (exposed for the runner's list view). */
    static QuizGrade grade(Path root, String name, Path file, AttemptStore store) {
        List<String> problems = new ArrayList<>();
        Bank bank = null;
        try {
            bank = Repo.load(root, file);
        } catch (BankException e) {
            problems.addAll(e.problems());
        } catch (IOException e) {
            problems.add(Repo.shown(root, file) + ": cannot read: " + e.getMessage());
        }
        List<Attempt> attempts = List.of();
        try {
            attempts = store.load(name);
        } catch (IOException e) {
            problems.add(Repo.shown(root, store.fileFor(name)) + ": not a valid attempts file: "
                    + firstLine(e.getMessage()));
        }
        if (bank == null) {
            return new QuizGrade(name, name, 0, 0, !attempts.isEmpty(), false, List.copyOf(problems));
        }
        if (bank.sealed()) {
            // A learner's starter copy: no keys here. The answers are recorded; the teacher's grader scores them.
            return new QuizGrade(name, bank.title(), 0, bank.maxPoints(), !attempts.isEmpty(), false,
                    List.copyOf(problems), true);
        }
        boolean graded = onSealedQuiz(bank, attempts);
        for (int i = 0; i < attempts.size(); i++) {
            Attempt a = attempts.get(i);
            String shown = Repo.shown(root, store.fileFor(name));
            if (graded && !onSealed(bank, a)) {
                problems.add(shown + ": attempt " + (i + 1) + " was not taken on the graded (sealed) quiz: not counted");
                continue;
            }
            if (!onSealed(bank, a) && bank.checksum().equals(a.bankChecksum())) {
                int points = rescore(bank, a.answers());
                if (points != a.score()) {
                    problems.add(shown + ": attempt " + (i + 1) + " saved a score of " + a.score()
                            + " but its answers score " + points);
                }
            }
        }
        int counted = counted(bank, attempts);
        int best = counted < 0 ? 0 : rescore(bank, answers(bank, attempts.get(counted)));
        boolean bestChanged = counted >= 0 && changed(bank, attempts.get(counted));
        return new QuizGrade(name, bank.title(), best, bank.maxPoints(), !attempts.isEmpty(), bestChanged,
                List.copyOf(problems));
    }

    /**
     * The index of the attempt that counts, -1 when there is none. A graded quiz (some attempt was taken on its
     * sealed form) counts only attempts taken on the sealed form, and of those the first complete one, as an exam
     * would: taking it again cannot add points. Otherwise the best re-scored attempt counts; on a tie, the first
     * taken against the current bank, else the first.
     */
    static int counted(Bank bank, List<Attempt> attempts) {
        boolean graded = onSealedQuiz(bank, attempts);
        int index = -1;
        int best = -1;
        boolean bestChanged = false;
        for (int i = 0; i < attempts.size(); i++) {
            Attempt a = attempts.get(i);
            if (graded && !onSealed(bank, a)) {
                continue;
            }
            if (graded && a.complete()) {
                return i;
            }
            int points = rescore(bank, answers(bank, a));
            boolean changed = changed(bank, a);
            if (points > best || (points == best && bestChanged && !changed)) {
                best = points;
                bestChanged = changed;
                index = i;
            }
        }
        return index;
    }

    /** The attempt's answers in the full bank's terms (an attempt on the sealed form is unsealed first). */
    static Map<String, String> answers(Bank bank, Attempt a) {
        return onSealed(bank, a) ? Sealer.unseal(bank, a.answers()) : a.answers();
    }

    private static boolean onSealedQuiz(Bank bank, List<Attempt> attempts) {
        return attempts.stream().anyMatch(a -> onSealed(bank, a));
    }

    private static boolean onSealed(Bank bank, Attempt a) {
        return a.sealed() || (!bank.checksum().equals(a.bankChecksum())
                && Sealer.sealedChecksum(bank).equals(a.bankChecksum()));
    }

    /** Taken against another version of the bank (neither the current one nor its sealed form). */
    private static boolean changed(Bank bank, Attempt a) {
        return !bank.checksum().equals(a.bankChecksum()) && !onSealed(bank, a);
    }

    /** Scores saved answers against a bank: ids the bank does not know score nothing. */
    public static int rescore(Bank bank, Map<String, String> answers) {
        if (answers == null) {
            return 0;
        }
        int total = 0;
        for (Question q : bank.questions()) {
            total += Scoring.points(q, answers.get(q.id()));
        }
        return total;
    }

    private static List<String> orphanAttempts(Path root, Set<String> banks) throws IOException {
        Path dir = Repo.attemptsDir(root);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .filter(n -> !banks.contains(n))
                    .sorted()
                    .toList();
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
