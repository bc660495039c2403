package asynckit.quiz;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One question of a bank, exactly as the bank file states it (no shuffling here).
 *
 * <p>Options and order items are identified by their label: {@code a} for the first one written in
 * the file, {@code b} for the second, and so on. Saved answers use these labels, so they do not
 * depend on the order a quiz taker saw.
 *
 * @param options  option texts (single, multi, output) or the items of an ordering question, in
 *                 the file's order; for an ordering question that order is the correct one
 * @param correct  indexes into {@code options} of the correct options (single, multi, output)
 * @param accepted accepted forms of a short answer, as written (compared after {@link Scoring#normalise})
 * @param pattern  a pattern a normalised short answer may match instead (or {@code null})
 * @param truth    the key of a true/false question ({@code null} for other kinds)
 * @param runnable name of the test snippet that proves the printed output ({@code null} if none)
 */
public record Question(
        String id,
        Kind kind,
        int line,
        String prompt,
        String code,
        List<String> options,
        Set<Integer> correct,
        List<String> accepted,
        Pattern pattern,
        Boolean truth,
        int points,
        String concept,
        String lesson,
        String explanation,
        String runnable) {

    public static String label(int index) {
        return String.valueOf((char) ('a' + index));
    }

    public static int index(String label) {
        return label.length() == 1 ? label.charAt(0) - 'a' : -1;
    }
}
