package asynckit.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test JVM's time limit counts the run's own time: what a busy machine kept it waiting for a CPU is added on
 * the clock (up to three times the limit), and a blocked run is stopped on time whatever the load.
 */
@DisplayName("The test JVM's time limit counts the run's own time")
class TestRunTimeLimitTest {
    @TempDir
    Path temp;

    @Test
    @DisplayName("schedstat's second field is the time the thread waited for a CPU; anything else reads as 0")
    void parse() {
        assertThat(MachineWait.parse("163965 89243 2\n")).isEqualTo(89243);
        assertThat(MachineWait.parse("")).isZero();
        assertThat(MachineWait.parse("12 x 3")).isZero();
        assertThat(MachineWait.read(temp.resolve("missing"))).isZero();
    }

    @Test
    @DisplayName("a blocked run (it sleeps, so it never waits for a CPU) is stopped at its own limit, however busy")
    void blockedIsStoppedOnTime() throws IOException {
        TestRun.Outcome run = run(List.of("sleep", "600"), new TestRun.TimeLimit(1, 30));
        assertThat(run.ending()).isEqualTo(TestRun.Ending.TIMED_OUT);
        assertThat(run.machineTooBusy()).isFalse();
        // Stopped long before the 30 s it could have been stretched to: sleeping is not waiting for a CPU.
        assertThat(run.seconds()).isLessThan(15);
    }

    @Test
    @DisplayName("a run that other processes keep waiting for a CPU has that waiting added on the clock")
    void waitingIsNotCounted() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/thread-self/schedstat")), "no scheduler statistics here");
        String spin = "while :; do :; done";
        // The load is outside the run: more spinners than cores, in a process of their own.
        int spinners = 2 * Runtime.getRuntime().availableProcessors() + 1;
        Process load = new ProcessBuilder("/bin/sh", "-c", (spin + " & ").repeat(spinners) + "wait").start();
        try {
            List<String> command = List.of("/bin/sh", "-c", spin);
            TestRun.TimeLimit limit = new TestRun.TimeLimit(1, 20);
            TestRun.Outcome run = run(command, limit);
            assertThat(run.ending()).isEqualTo(TestRun.Ending.TIMED_OUT);
            // The run's one spinner waits part of the time for the others', so it got more than 1 s on the clock.
            assertThat(run.waitedSeconds()).isPositive();
            assertThat(run.seconds()).isGreaterThan(1 + run.waitedSeconds() - 0.6);
            assertThat(run.seconds()).isLessThan(20 + 5);
            // With no room to stretch, the same run is stopped at 1 s before its own second was used: not judged.
            TestRun.Outcome capped = run(command, new TestRun.TimeLimit(1, 1));
            assertThat(capped.ending()).isEqualTo(TestRun.Ending.TIMED_OUT);
            assertThat(capped.machineTooBusy()).isTrue();
            assertThat(Grader.timedOutReason(capped, new TestRun.TimeLimit(1, 1))).startsWith("not judged");
        } finally {
            load.descendants().forEach(ProcessHandle::destroyForcibly);
            load.destroyForcibly();
        }
    }

    @Test
    @DisplayName("a run's waiting for its own threads is not the machine's: only what others took from the cores counts")
    void ownThreadsWaitingIsOwnTime() {
        long s = 1_000_000_000L;
        // Two cores for 10 s: a run that used 20 CPU-s had them all, and others took nothing (an attack: spinners
        // in more threads than there are cores, to stretch its own deadline).
        assertThat(MachineWait.othersTook(2, 10 * s, 20 * s)).isZero();
        assertThat(MachineWait.othersTook(2, 10 * s, 25 * s)).isZero();
        // A run that used 5 CPU-s of the 20: others had up to 15.
        assertThat(MachineWait.othersTook(2, 10 * s, 5 * s)).isEqualTo(15 * s);
    }

    @Test
    @DisplayName("the reason says whose time ran out: the code's own, or the machine's")
    void reasons() {
        TestRun.TimeLimit limit = new TestRun.TimeLimit(30, 90);
        assertThat(Grader.timedOutReason(outcome(30.2, 0, false), limit))
                .isEqualTo("timed out: the test JVM was killed after 30 s of its own time (code that never ends: a"
                        + " loop that ignores interrupts, a deadlock?)");
        assertThat(Grader.timedOutReason(outcome(47.4, 17.2, false), limit)).startsWith(
                "timed out: the test JVM was killed after 30 s of its own time (47 s on the clock: the busy machine kept"
                        + " it waiting 17 s, which did not count)");
        TestRun.Outcome busy = outcome(90.1, 70, true);
        assertThat(Grader.timedOutReason(busy, limit)).startsWith("not judged: the machine was too busy. The test JVM"
                + " was stopped after 90 s on the clock, 70 s of them waiting for a CPU, before its own 30 s were used"
                + " up");
    }

    @Test
    @DisplayName("the stretch stops at three times the limit, and never passes a deadline's reserve")
    void stretchIsBounded() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        assertThat(Grader.timeLimit(now, null, 40)).isEqualTo(new TestRun.TimeLimit(40, 120));
        assertThat(Grader.timeLimit(now, now.plusSeconds(400), 40)).isEqualTo(new TestRun.TimeLimit(40, 120));
        assertThat(Grader.timeLimit(now, now.plusSeconds(60), 40)).isEqualTo(new TestRun.TimeLimit(40, 55));
        assertThat(Grader.timeLimit(now, now.plusSeconds(20), 40)).isEqualTo(new TestRun.TimeLimit(40, 40));
    }

    private TestRun.Outcome run(List<String> command, TestRun.TimeLimit limit) throws IOException {
        Map<String, String> env = new LinkedHashMap<>(Map.of("PATH", "/usr/bin:/bin"));
        Path work = Files.createDirectories(temp.resolve("work"));
        return TestRun.run(Sandbox.detect("none"), Sandbox.Limits.defaults(), command, List.of(), work, env, limit,
                temp.resolve("run.log"));
    }

    private static TestRun.Outcome outcome(double seconds, double waited, boolean tooBusy) {
        return new TestRun.Outcome(List.of(), TestRun.Ending.TIMED_OUT, -1, 0, 0, new RunLog(), false, false, seconds,
                waited, tooBusy);
    }
}
