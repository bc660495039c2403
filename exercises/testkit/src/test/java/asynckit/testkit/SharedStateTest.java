package asynckit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import asynckit.testkit.fixtures.clean.Composes;
import asynckit.testkit.fixtures.shared.PlainCounter;
import org.junit.jupiter.api.Test;

class SharedStateTest {
    static final Mistake UNSAFE = new Lesson("00-example").mistake("unsafe-shared-state", "unsafe.", 6);

    @Test
    void findsAPlainFieldWrittenFromACallbackAndAnUnsafeCollection() {
        PlainCounter counter = new PlainCounter();
        assertThat(SharedState.findings(PlainCounter.class, counter))
                .extracting(SharedState.Finding::what)
                .anySatisfy(w -> assertThat(w).contains("PlainCounter.remaining").contains("a callback"))
                .anySatisfy(w -> assertThat(w).contains("ArrayList"))
                .anySatisfy(w -> assertThat(w).contains("int[]").contains("PlainCounter.countInAnArray()"))
                .anySatisfy(w -> assertThat(w).contains("volatile field PlainCounter.pending").contains("read and"
                        + " written back"))
                .noneSatisfy(w -> assertThat(w).contains("seenOne"))
                .noneSatisfy(w -> assertThat(w).contains("countUnderALock"));
        assertThatThrownBy(() -> SharedState.assertNone(UNSAFE, PlainCounter.class, counter, "seen:"))
                .hasMessageContaining("[unsafe-shared-state]")
                .hasMessageContaining("PlainCounter.java:");
    }

    @Test
    void cleanCodeHasNoFindings() {
        assertThat(SharedState.findings(Composes.class, null)).isEmpty();
    }
}
