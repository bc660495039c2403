package asynckit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Maven build log (captured from real child builds)")
class BuildLogTest {

    static BuildLog read(String name) {
        try {
            BuildLog log = new BuildLog();
            Path file = Path.of(BuildLogTest.class.getResource("/buildlog/" + name).toURI());
            Files.readAllLines(file).forEach(log::line);
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("System.exit in learner code: the fork crash is attributed to its module")
    void crash() {
        BuildLog log = read("crash.log");
        BuildLog.Module ex01 = log.module("ex01-waiting-problem");
        assertThat(ex01.surefireRan()).isTrue();
        assertThat(ex01.crashed()).isTrue();
        assertThat(ex01.timedOut()).isFalse();
        assertThat(ex01.compileErrors()).isEmpty();
        assertThat(log.module("testkit").crashed()).isFalse();
    }

    @Test
    @DisplayName("a compile error: file, line and message; Surefire never ran")
    void compileError() {
        BuildLog.Module ex01 = read("compile.log").module("ex01-waiting-problem");
        assertThat(ex01.compileErrors()).containsExactly("PageFetcher.java:23: cannot find symbol");
        assertThat(ex01.testCompileErrors()).isEmpty();
        assertThat(ex01.surefireRan()).isFalse();
        assertThat(ex01.failedGoal()).contains("maven-compiler-plugin");
    }

    @Test
    @DisplayName("a fork killed by the fork timeout; the next module is unaffected")
    void timeout() {
        BuildLog log = read("timeout.log");
        assertThat(log.module("ex01-waiting-problem").timedOut()).isTrue();
        assertThat(log.module("ex01-waiting-problem").crashed()).isFalse();
        BuildLog.Module ex02 = log.module("ex02-sleeping-without-blocking");
        assertThat(ex02.surefireRan()).isTrue();
        assertThat(ex02.timedOut()).isFalse();
        assertThat(ex02.crashed()).isFalse();
    }

    @Test
    @DisplayName("a module the log never mentions was not reached")
    void notReached() {
        assertThat(read("compile.log").module("ex09-nowhere").reached()).isFalse();
    }
}
