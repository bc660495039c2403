package asynckit.grader;

import java.util.ArrayList;
import java.util.List;

/**
 * Shortening text for the reports without losing what matters most: a failure message's pointer to its
 * hint ({@code -> Hint 5 in exercises/02-.../README.md}) survives every cut, in every format.
 */
final class Messages {
    static final int MESSAGE_LINES = 12;
    static final int MESSAGE_CHARS = 600;

    private Messages() {}

    /** The hint pointer lines of a message (lines that start with "->"), in order; empty when none. */
    static List<String> pointers(String message) {
        List<String> out = new ArrayList<>();
        if (message != null) {
            message.lines().map(String::strip).filter(l -> l.startsWith("-> ")).forEach(out::add);
        }
        return out;
    }

    /** The first lines of a failure message (at most 12 lines, about 600 characters), its hint pointers kept. */
    static String shortMessage(String message) {
        if (message == null || message.isBlank()) {
            return null;
        }
        String full = message.strip();
        List<String> lines = full.lines().toList();
        String text = String.join("\n", lines.subList(0, Math.min(MESSAGE_LINES, lines.size())));
        if (text.length() <= MESSAGE_CHARS && lines.size() <= MESSAGE_LINES) {
            return text;
        }
        List<String> pointers = pointers(full);
        String tail = pointers.isEmpty() ? "" : "\n  " + String.join("\n  ", pointers);
        String head = text.length() > MESSAGE_CHARS ? text.substring(0, MESSAGE_CHARS) : text;
        for (String p : pointers) {
            int at = head.indexOf(p);
            if (at >= 0) {
                head = head.substring(0, at).stripTrailing();
            }
        }
        return head.stripTrailing() + "\n  ..." + tail;
    }

    /** One line (line breaks become " | "). */
    static String flatten(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " | ").strip();
    }

    /** At most {@code max} characters; when cut, the hint pointer (if any) is kept at the end. */
    static String cut(String s, int max) {
        if (s == null) {
            return "";
        }
        if (s.length() <= max) {
            return s;
        }
        List<String> pointers = pointers(s.replace(" | ", "\n"));
        String tail = pointers.isEmpty() ? "" : " ... " + pointers.get(pointers.size() - 1);
        if (tail.length() >= max - 10) {
            tail = "";
        }
        int room = Math.max(0, max - 3 - tail.length());
        return s.substring(0, room).stripTrailing() + (tail.isEmpty() ? "..." : tail);
    }

    /** The first line, at most 200 characters. */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }
}
