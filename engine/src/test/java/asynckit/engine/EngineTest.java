package asynckit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import asynckit.engine.TestOutcome.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on small made-up projects: overlays, isolation, resources, compile errors, hangs. */

// The testkit on this class path sets a 30 s default per test; these run whole exercises.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@DisplayName("Engine")
class EngineTest {
    @TempDir
    Path dir;

    static Engine engine;
    static List<Path> classPath;

    @BeforeAll
    static void start() throws IOException {
        engine = new Engine();
        classPath = TestClassPath.defaults();
    }

    @AfterAll
    static void stop() throws IOException {
        engine.close();
    }

    private Path write(String rel, String text) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static String test(String body) {
        return "package p;\nimport org.junit.jupiter.api.Test;\nclass ThingTest {\n" + body + "\n}\n";
    }

    private RunRequest request(List<Path> roots) {
        return RunRequest.of(roots, dir.resolve("test"), dir.resolve("ex"), classPath, dir.resolve("work"));
    }

    @Test
    @DisplayName("later source roots replace files of earlier ones; test classes are picked as Surefire picks them")
    void overlay() throws IOException {
        write("a/p/Thing.java", "package p; public class Thing { public int v() { return 1; } }");
        write("a/p/Other.java", "package p; public class Other { public int v() { return 10; } }");
        write("b/p/Thing.java", "package p; public class Thing { public int v() { return 2; } }");
        write("test/p/ThingTest.java", test("@Test void two() { if (new Thing().v() + new Other().v() != 12)"
                + " throw new AssertionError(\"got \" + (new Thing().v() + new Other().v())); }"));
        write("test/p/Helper.java", "package p; class Helper { @org.junit.jupiter.api.Test void notPicked() {"
                + " throw new AssertionError(); } }");
        RunResult r = engine.run(request(List.of(dir.resolve("a"), dir.resolve("b"))));
        assertThat(r.compileProblems()).isEmpty();
        assertThat(r.tests()).extracting(TestOutcome::method, TestOutcome::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("two", Status.PASSED));
    }

    @Test
    @DisplayName("each run has fresh classes: static state does not survive from one run to the next")
    void freshLoaderPerRun() throws IOException {
        write("a/p/Counter.java", "package p; public class Counter { public static int n; }");
        write("test/p/ThingTest.java", test("@Test void once() { if (++Counter.n != 1) throw new AssertionError(\"n=\" + Counter.n); }"));
        for (int i = 0; i < 2; i++) {
            RunResult r = engine.run(request(List.of(dir.resolve("a"))));
            assertThat(r.allPassed()).as(r.tests().toString()).isTrue();
        }
    }

    @Test
    @DisplayName("the run's class loader is unnamed (stack traces as Maven's), or named when asked")
    void loaderName() throws IOException {
        write("a/p/Thing.java", "package p; public class Thing {}");
        write("test/p/ThingTest.java", test("@Test void named() { String n = Thing.class.getClassLoader().getName();"
                + " if (!java.util.Objects.equals(n, System.getProperty(\"expected.loader\")))"
                + " throw new AssertionError(\"loader name \" + n); }"));
        System.clearProperty("expected.loader");
        assertThat(engine.run(request(List.of(dir.resolve("a")))).allPassed()).isTrue();
        System.setProperty("expected.loader", "01-x/solution");
        try {
            RunResult r = engine.run(request(List.of(dir.resolve("a"))).withLoaderName("01-x/solution"));
            assertThat(r.allPassed()).as(r.tests().toString()).isTrue();
        } finally {
            System.clearProperty("expected.loader");
        }
    }

    @Test
    @DisplayName("the exercise's manifest and lesson are on the test class path under asynckit-exercise/")
    void exerciseResources() throws IOException {
        write("ex/exercise.yaml", "title: T\n");
        write("ex/README.md", "# lesson\n");
        write("a/p/Thing.java", "package p; public class Thing {}");
        write("test/p/ThingTest.java", test("@Test void reads() throws Exception {"
                + " var cl = ThingTest.class.getClassLoader();"
                + " if (cl.getResource(\"asynckit-exercise/exercise.yaml\") == null) throw new AssertionError(\"no manifest\");"
                + " if (cl.getResource(\"asynckit-exercise/README.md\") == null) throw new AssertionError(\"no lesson\"); }"));
        RunResult r = engine.run(request(List.of(dir.resolve("a"))));
        assertThat(r.allPassed()).as(r.tests().toString()).isTrue();
    }

    @Test
    @DisplayName("compile errors name the file and line, in the learner's code or in the tests")
    void compileErrors() throws IOException {
        Path bad = write("a/p/Thing.java", "package p;\npublic class Thing {\n  int v() { return }\n}\n");
        write("test/p/ThingTest.java", test("@Test void t() {}"));
        RunResult r = engine.run(request(List.of(dir.resolve("a"))));
        assertThat(r.compiled()).isFalse();
        assertThat(r.tests()).isEmpty();
        CompileProblem p = r.compileProblems().get(0);
        assertThat(p.file()).isEqualTo(bad);
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.inTests()).isFalse();

        write("a/p/Thing.java", "package p; public class Thing {}");
        write("test/p/ThingTest.java", test("@Test void t() { new Thing().missing(); }"));
        RunResult r2 = engine.run(request(List.of(dir.resolve("a"))));
        assertThat(r2.compileProblems()).singleElement().satisfies(q -> assertThat(q.inTests()).isTrue());
    }

    @Test
    @DisplayName("compiles for Java 21: an API newer than 21 is refused, unless the engine was told to skip that check")
    void releaseCheck() throws IOException {
        // Class.forPrimitiveName came with Java 22: on a newer JDK only --release 21 knows it is not there.
        write("a/p/Thing.java", "package p; public class Thing { public Class<?> c() {"
                + " return Class.forPrimitiveName(\"int\"); } }");
        write("test/p/ThingTest.java", test("@Test void t() { new Thing(); }"));
        RunResult checked = engine.run(request(List.of(dir.resolve("a"))));
        assertThat(checked.compileProblems()).singleElement()
                .satisfies(q -> assertThat(q.message()).contains("forPrimitiveName"));
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() > 21,
                "this JDK is a Java 21: --release 21 reads its own class library, so there is nothing to skip");
        try (Engine unchecked = new Engine().withoutReleaseCheck()) {
            RunResult r = unchecked.run(request(List.of(dir.resolve("a"))));
            assertThat(r.compileProblems()).isEmpty();
            assertThat(r.allPassed()).as(r.tests().toString()).isTrue();
        }
    }

    @Test
    @DisplayName("a class that fails to set up is one failed outcome for the class; output is captured")
    void containerFailureAndOutput() throws IOException {
        write("a/p/Thing.java", "package p; public class Thing {}");
        write("test/p/ThingTest.java", test("@org.junit.jupiter.api.BeforeAll static void up() { System.out.println(\"hello from the tests\");"
                + " throw new IllegalStateException(\"broken set-up\"); }\n@Test void t() {}"));
        RunResult r = engine.run(request(List.of(dir.resolve("a"))).withCapturedOutput(true));
        assertThat(r.tests()).singleElement().satisfies(t -> {
            assertThat(t.isContainer()).isTrue();
            assertThat(t.status()).isEqualTo(Status.FAILED);
            assertThat(t.message()).contains("broken set-up");
        });
        assertThat(r.output()).contains("hello from the tests");
    }

    @Test
    @DisplayName("a test that hangs is cut off at the time limit and reported as not finished")
    void timeLimit() throws IOException {
        write("a/p/Thing.java", "package p; public class Thing {}");
        write("test/p/ThingTest.java", test("@Test @org.junit.jupiter.api.Timeout(3600) void hangs() throws Exception {"
                + " java.util.concurrent.locks.LockSupport.park(); }\n"
                + "@Test void quick() {}"));
        Duration limit = Duration.ofSeconds(2);
        long t0 = System.nanoTime();
        RunResult r = engine.run(request(List.of(dir.resolve("a"))).withTimeLimit(limit));
        if (r.tests().stream().noneMatch(t -> t.method().equals("hangs") && t.summary().contains("did not finish"))) {
            // A machine so loaded that the limit passed before the hanging test even started (seen: "did not run",
            // and at a build's start with three modules at once, quick() itself still running after 2 s): too
            // short a limit, not a wrong engine. Once more, with room to start.
            limit = Duration.ofSeconds(10);
            t0 = System.nanoTime();
            r = engine.run(request(List.of(dir.resolve("a"))).withTimeLimit(limit));
        }
        long took = (System.nanoTime() - t0) / 1_000_000;
        assertThat(took).isLessThan(limit.toMillis() + 13_000);
        assertThat(r.timedOut()).isTrue();
        assertThat(r.tests()).anySatisfy(t -> {
            assertThat(t.method()).isEqualTo("hangs");
            assertThat(t.status()).isEqualTo(Status.FAILED);
            assertThat(t.summary()).contains("did not finish");
        });
    }
}
