package asynckit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Shortening messages keeps the hint pointer")
class MessagesTest {
    static final String POINTER = "-> Hint 5 in exercises/02-sleeping-without-blocking/README.md";

    static String longMessage() {
        StringBuilder s = new StringBuilder("Mistake [one-at-a-time]: each alarm waited for the one before.\n");
        for (int i = 0; i < 30; i++) {
            s.append("  fetch(").append(i).append(")  [==============================]   300 ms\n");
        }
        return s.append("\n  ").append(POINTER).toString();
    }

    @Test
    @DisplayName("a long failure message is cut to its first lines, and its hint pointer is kept whole")
    void shortMessage() {
        String cut = Messages.shortMessage(longMessage());
        assertThat(cut.length()).isLessThan(800);
        assertThat(cut).startsWith("Mistake [one-at-a-time]").endsWith(POINTER);
    }

    @Test
    @DisplayName("a one-line cut (terminal, Markdown, Classroom) ends with the hint pointer, not 'exercises...'")
    void oneLineCut() {
        String cut = Messages.cut(Messages.flatten(longMessage()), 160);
        assertThat(cut).hasSizeLessThanOrEqualTo(160).endsWith(POINTER);
        assertThat(Messages.cut("short", 160)).isEqualTo("short");
        assertThat(Messages.cut("x".repeat(200), 50)).hasSize(50).endsWith("...");
    }

    @Test
    @DisplayName("a short message is left as it is")
    void shortStays() {
        assertThat(Messages.shortMessage("boom\n  " + POINTER)).isEqualTo("boom\n  " + POINTER);
    }
}
