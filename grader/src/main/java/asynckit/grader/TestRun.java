package asynckit.grader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one exercise's tests in one sandboxed test JVM driven by the grader's {@code TestRunner}, and
 * collects what happened: the results the runner signed with this run's secret, the JVM's output (capped,
 * into a log file), and how the run ended. Every process of the run is killed before this returns, so
 * nothing the learner started can outlive it, hold its output open or touch a report written afterwards.
 */
final class TestRun {
    static final long MAX_LOG_BYTES = 20L * 1024 * 1024;
    static final int MAX_LINE = 10_000;
    /** A result line carries up to 64 KB of message, base64-encoded; longer lines are cut. */
    static final int MAX_LINE_BYTES = 512 * 1024;
    private static final String RESULT = "@@asynckit-result ";
    private static final String END = "@@asynckit-end ";

    /** How the test JVM ended. */
    enum Ending {
        /** The runner reported every result and its end. */
        FINISHED,
        /** The JVM ended before the runner's end line (System.exit, a crash, the memory limit). */
        ENDED_EARLY,
        /** It ran past the wall-clock limit and was killed. */
        TIMED_OUT
    }

    /** One test's (or a class's, when {@code method} is empty) result, as the runner reported it. */
    record Result(String className, String method, String name, Report.Status status, String message, String type,
                  double seconds) {}

    /**
     * @param results        the signed results, in order
     * @param ending         how the JVM ended
     * @param exitCode       its exit code (-1 when killed)
     * @param leftProcesses  processes the learner's code left running when the tests ended (runner's count)
     * @param forged         lines that imitated the runner without its secret (learner output)
     * @param log            the JVM's output (also in the log file), digested
     * @param memoryLimitHit the control group's memory limit killed a process
     * @param processLimitHit the control group's process limit refused a new process or thread
     * @param seconds        wall-clock time of the run
     * @param waitedSeconds  how long the busy machine kept the run waiting, as far as it was measured (it is
     *                       looked at only once the run passes its own time)
     * @param machineTooBusy killed at the longest time allowed on the clock before its own time was used up: the
     *                       machine's doing, not the code's
     */
    record Outcome(List<Result> results, Ending ending, int exitCode, long leftProcesses, int forged, RunLog log,
                   boolean memoryLimitHit, boolean processLimitHit, double seconds, double waitedSeconds,
                   boolean machineTooBusy) {}

    /**
     * A run's time limit: {@code seconds} of its own time, the time the busy machine kept it waiting not
     * counted ({@link MachineWait}), and never more than {@code maxSeconds} on the clock.
     */
    record TimeLimit(int seconds, int maxSeconds) {
        /** How far a run may be stretched on the clock by a busy machine, when nothing else bounds it. */
        static final int STRETCH = 3;

        TimeLimit {
            maxSeconds = Math.max(seconds, maxSeconds);
        }

        static TimeLimit of(int seconds) {
            return new TimeLimit(seconds, seconds * STRETCH);
        }
    }

    private TestRun() {}

    static Outcome run(Sandbox sandbox, Sandbox.Limits limits, List<String> command, List<Path> readOnly, Path workDir,
                       Map<String, String> env, TimeLimit limit, Path logFile) throws IOException {
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        long start = System.nanoTime();
        Sandbox.Launch launch = sandbox.start(command, readOnly, workDir, env, limits);
        Collector collector = new Collector(secret, logFile);
        Thread out = reader(launch.process.getInputStream(), collector, true, "test-jvm-out");
        Thread err = reader(launch.process.getErrorStream(), collector, false, "test-jvm-err");
        try (OutputStream stdin = launch.process.getOutputStream()) {
            stdin.write((secret + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the JVM ended at once; its output says why
        }
        Ending ending;
        int exit = -1;
        long waited = 0;
        boolean tooBusy = false;
        try {
            long own = TimeUnit.SECONDS.toNanos(limit.seconds());
            long latest = start + TimeUnit.SECONDS.toNanos(limit.maxSeconds());
            long nextLook = start + own;
            while (true) {
                if (collector.ended.await(50, TimeUnit.MILLISECONDS)) {
                    ending = Ending.FINISHED;
                    launch.process.waitFor(3, TimeUnit.SECONDS);
                    break;
                }
                if (!launch.process.isAlive()) {
                    // The end line may still be in the pipe: give the readers a moment.
                    ending = collector.ended.await(2, TimeUnit.SECONDS) ? Ending.FINISHED : Ending.ENDED_EARLY;
                    break;
                }
                long now = System.nanoTime();
                if (now - start > own + waited && now - nextLook >= 0) {
                    // Past its own time on the clock: how long did the machine keep it (or its output's readers)
                    // waiting for a CPU? Looked at twice a second from here on; it only grows.
                    // Only what others took from the machine counts: a run that keeps every core busy itself (a
                    // spin in more threads than there are cores) waits for its own threads, and is not stretched.
                    long threadsWaited = Math.max(MachineWait.ofTree(launch.process.toHandle()),
                            collector.readersWaited.get());
                    waited = Math.max(waited, Math.min(threadsWaited,
                            MachineWait.othersTook(launch.process.toHandle(), now - start)));
                    nextLook = now + TimeUnit.MILLISECONDS.toNanos(500);
                }
                if (now - start > own + waited || now - latest > 0) {
                    ending = Ending.TIMED_OUT;
                    tooBusy = now - start <= own + waited;
                    break;
                }
            }
        } catch (InterruptedException e) {
            launch.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the tests ran", e);
        }
        boolean memoryHit = launch.cgroup != null && launch.cgroup.memoryLimitHit();
        boolean processHit = launch.cgroup != null && launch.cgroup.processLimitHit();
        if (!launch.process.isAlive()) {
            exit = launch.process.exitValue();
        }
        launch.close();
        // Every process of the run is gone now (with a control group or a process namespace); readers that
        // still wait on a pipe held by a process the grader could not find are abandoned (daemon threads).
        try {
            out.join(2_000);
            err.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        collector.close();
        double seconds = Math.round((System.nanoTime() - start) / 1e7) / 100.0;
        synchronized (collector) {
            return new Outcome(List.copyOf(collector.results), ending, exit, collector.left.get(), collector.forged,
                    collector.log, memoryHit, processHit, seconds, Math.round(waited / 1e7) / 100.0, tooBusy);
        }
    }

    private static Thread reader(InputStream in, Collector collector, boolean stdout, String name) {
        Thread t = new Thread(() -> {
            long waitedBefore = MachineWait.ofThisThread();
            long nextLook = System.nanoTime();
            try (in) {
                byte[] buffer = new byte[64 * 1024];
                java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
                boolean cut = false;
                int n;
                while ((n = in.read(buffer)) > 0) {
                    int from = 0;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            cut |= !append(pending, buffer, from, i - from);
                            collector.line(pending.toString(StandardCharsets.UTF_8), stdout, cut);
                            pending.reset();
                            cut = false;
                            from = i + 1;
                        }
                    }
                    cut |= !append(pending, buffer, from, n - from);
                    if (System.nanoTime() - nextLook >= 0) {
                        nextLook = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
                        collector.readersWaited.accumulateAndGet(MachineWait.ofThisThread() - waitedBefore, Math::max);
                    }
                }
                if (pending.size() > 0) {
                    collector.line(pending.toString(StandardCharsets.UTF_8), stdout, cut);
                }
            } catch (IOException e) {
                // the pipe closed: the process is gone
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Appends what fits in one line's budget; false when some of it did not fit. */
    private static boolean append(java.io.ByteArrayOutputStream line, byte[] bytes, int from, int length) {
        int room = Math.max(0, MAX_LINE_BYTES - line.size());
        line.write(bytes, from, Math.min(room, length));
        return length <= room;
    }

    /** Reads the output: signed result lines, the end line, and the log (capped). */
    private static final class Collector {
        private final String secret;
        private final OutputStream logOut;
        private long written;
        final List<Result> results = new ArrayList<>();
        final CountDownLatch ended = new CountDownLatch(1);
        final AtomicLong left = new AtomicLong();
        /** The longest time a reader of this run's output waited for a CPU (a slow reader stalls the writer). */
        final AtomicLong readersWaited = new AtomicLong();
        final RunLog log = new RunLog();
        int forged;
        private boolean closed;

        Collector(String secret, Path logFile) throws IOException {
            this.secret = secret;
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            this.logOut = Files.newOutputStream(logFile);
        }

        synchronized void line(String line, boolean stdout, boolean cut) {
            if (closed) {
                return;
            }
            if (stdout && line.startsWith(RESULT)) {
                Result r = parseResult(line.substring(RESULT.length()));
                if (r != null) {
                    results.add(r);
                    return;
                }
                forged++;
            } else if (stdout && line.startsWith(END)) {
                String[] parts = line.substring(END.length()).split(" ");
                if (parts.length == 3 && parts[0].equals(secret)) {
                    try {
                        left.set(Long.parseLong(parts[2]));
                    } catch (NumberFormatException e) {
                        left.set(0);
                    }
                    ended.countDown();
                    return;
                }
                forged++;
            }
            String shown = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + " [line cut by the grader]"
                    : cut ? line + " [line cut by the grader]" : line;
            log.line(shown);
            if (written < MAX_LOG_BYTES) {
                try {
                    byte[] bytes = (shown + "\n").getBytes(StandardCharsets.UTF_8);
                    logOut.write(bytes);
                    written += bytes.length;
                    if (written >= MAX_LOG_BYTES) {
                        logOut.write("[log cut by the grader at 20 MB]\n".getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    written = MAX_LOG_BYTES;
                }
            }
        }

        private Result parseResult(String rest) {
            String[] p = rest.split(" ");
            if (p.length != 8 || !p[0].equals(secret)) {
                return null;
            }
            try {
                Report.Status status = Report.Status.valueOf(p[1]);
                double seconds = Long.parseLong(p[2]) / 1000.0;
                String message = decode(p[7]);
                return new Result(decode(p[3]), decode(p[4]), decode(p[5]), status,
                        message.isEmpty() ? null : message, decode(p[6]), seconds);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private static String decode(String s) {
            return s.equals("-") ? "" : new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
        }

        synchronized void close() {
            closed = true;
            try {
                logOut.close();
            } catch (IOException e) {
                // nothing more to write
            }
        }
    }
}
