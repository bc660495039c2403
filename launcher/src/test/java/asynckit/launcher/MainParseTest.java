package asynckit.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import asynckit.launcher.Main.Args;
import asynckit.launcher.Main.UsageException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("./kit command line")
class MainParseTest {

    @Test
    @DisplayName("no arguments is the list")
    void nothingIsList() throws Exception {
        assertThat(Main.parse()).isEqualTo(new Args("list", null, null, false, false));
        assertThat(Main.parse("list")).isEqualTo(new Args("list", null, null, false, false));
    }

    @Test
    @DisplayName("test, reset and solution take exactly one exercise")
    void oneExercise() throws Exception {
        assertThat(Main.parse("test", "01")).isEqualTo(new Args("test", "01", null, false, false));
        assertThat(Main.parse("reset", "01-waiting-problem").exercise()).isEqualTo("01-waiting-problem");
        assertThat(Main.parse("solution", "3").exercise()).isEqualTo("3");
        assertThatThrownBy(() -> Main.parse("test")).isInstanceOf(UsageException.class)
                .hasMessageContaining("usage: ./kit test NN");
        assertThatThrownBy(() -> Main.parse("reset", "01", "02")).isInstanceOf(UsageException.class);
    }

    @Test
    @DisplayName("watch takes an optional exercise and --poll")
    void watch() throws Exception {
        assertThat(Main.parse("watch")).isEqualTo(new Args("watch", null, null, false, false));
        assertThat(Main.parse("watch", "02", "--poll")).isEqualTo(new Args("watch", "02", null, false, true));
        assertThatThrownBy(() -> Main.parse("watch", "01", "02")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> Main.parse("watch", "--all")).isInstanceOf(UsageException.class);
    }

    @Test
    @DisplayName("hint takes an exercise, then a hint number or --all")
    void hint() throws Exception {
        assertThat(Main.parse("hint", "01")).isEqualTo(new Args("hint", "01", null, false, false));
        assertThat(Main.parse("hint", "01", "3")).isEqualTo(new Args("hint", "01", 3, false, false));
        assertThat(Main.parse("hint", "--all", "01")).isEqualTo(new Args("hint", "01", null, true, false));
        assertThatThrownBy(() -> Main.parse("hint")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> Main.parse("hint", "01", "x")).isInstanceOf(UsageException.class)
                .hasMessageContaining("must be a number");
        assertThatThrownBy(() -> Main.parse("hint", "01", "2", "--all")).isInstanceOf(UsageException.class);
    }

    @Test
    @DisplayName("unknown commands and options are refused with one sentence")
    void unknown() {
        assertThatThrownBy(() -> Main.parse("tset", "01")).isInstanceOf(UsageException.class)
                .hasMessage("unknown command 'tset'");
        assertThatThrownBy(() -> Main.parse("test", "01", "--fast")).isInstanceOf(UsageException.class)
                .hasMessage("unknown option '--fast'");
        assertThatThrownBy(() -> Main.parse("list", "01")).isInstanceOf(UsageException.class);
    }
}
