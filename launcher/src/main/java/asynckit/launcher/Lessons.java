package asynckit.launcher;

import asynckit.course.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads an exercise's hints from its lesson: hint {@code i} is the section {@code ### Hint i} of README.md. */
public final class Lessons {
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*$");
    private static final Pattern HINT = Pattern.compile("Hint\\s+(\\d+)\\b.*");

    private Lessons() {}

    /** One hint: its number, the manifest's id for it, and the text (Markdown, trimmed). */
    public record Hint(int number, String id, String text) {}

    /** Every hint the manifest lists, in order, with its text from the lesson (empty text when the section is missing). */
    public static List<Hint> hints(Path root, Manifest m) throws IOException {
        Path readme = root.resolve(m.lesson());
        List<String> lines = Files.isRegularFile(readme) ? Files.readAllLines(readme) : List.of();
        List<Hint> out = new ArrayList<>();
        for (int i = 1; i <= m.hints().size(); i++) {
            out.add(new Hint(i, m.hints().get(i - 1), section(lines, i)));
        }
        return out;
    }

    private static String section(List<String> lines, int number) {
        StringBuilder text = new StringBuilder();
        boolean in = false;
        int level = 0;
        boolean fence = false;
        for (String line : lines) {
            if (line.strip().startsWith("```")) {
                fence = !fence;
            }
            Matcher h = fence ? null : HEADING.matcher(line);
            if (h != null && h.matches()) {
                if (in && h.group(1).length() <= level) {
                    break;
                }
                Matcher hint = HINT.matcher(h.group(2));
                if (!in && hint.matches() && Integer.parseInt(hint.group(1)) == number) {
                    in = true;
                    level = h.group(1).length();
                    continue;
                }
            }
            if (in) {
                text.append(line).append('\n');
            }
        }
        return text.toString().strip();
    }
}
