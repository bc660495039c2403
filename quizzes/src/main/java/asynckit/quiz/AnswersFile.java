package asynckit.quiz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers given up front ({@code --answers FILE}): one {@code question-id: answer} per line, answers in
 * canonical form ({@link Scoring}: labels as the bank writes the options, so independent of shuffling).
 * Blank lines and lines starting with {@code #} are ignored. Questions not listed are unanswered.
 */
public final class AnswersFile {
    private AnswersFile() {
    }

    public static Map<String, String> read(Path file, Bank bank) throws IOException, BankException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, String> answers = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String where = file + ":" + (i + 1) + ": ";
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                problems.add(where + "expected \"question-id: answer\"");
                continue;
            }
            String id = line.substring(0, colon).strip();
            String answer = line.substring(colon + 1).strip();
            var q = bank.question(id);
            if (q.isEmpty()) {
                problems.add(where + "quiz " + bank.name() + " has no question \"" + id + "\"");
            } else if (answers.containsKey(id)) {
                problems.add(where + "question \"" + id + "\" is answered twice");
            } else {
                var wrong = Scoring.formProblem(q.get(), answer);
                if (wrong.isPresent()) {
                    problems.add(where + "answer to \"" + id + "\": " + wrong.get());
                } else {
                    answers.put(id, answer);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BankException(problems);
        }
        return answers;
    }
}
