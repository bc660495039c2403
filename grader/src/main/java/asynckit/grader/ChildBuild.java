package asynckit.grader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the exercises' tests in one child Maven build that never stops at a failing module
 * ({@code --fail-never}, test failures ignored): a learner's compile error, {@code System.exit} or hung
 * test JVM fails only that module, and the log says which and why. The build as a whole is bounded in
 * time; past the bound its whole process tree is killed.
 */
public final class ChildBuild {

    /** Settings of the child build. */
    public record Settings(String timeScale, int forkTimeoutSeconds, String testTimeout, Duration limit) {
        public static Settings defaults() {
            return new Settings("1", 300, null, null);
        }
    }

    /** How the build went: its log, digested, and whether it had to be killed. */
    public record Outcome(BuildLog log, int exitCode, boolean killed, Path logFile) {}

    static final long MAX_LOG_BYTES = 20L * 1024 * 1024;

    private ChildBuild() {}

    public static Outcome run(Path root, List<String> modules, Settings settings, Path logFile,
                              Map<String, String> artifactTitles, Consumer<String> progress) throws IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        List<String> command = new ArrayList<>();
        boolean windows = System.getProperty("os.name", "").toLowerCase().contains("win");
        Path wrapper = root.resolve(windows ? "mvnw.cmd" : "mvnw");
        if (!Files.isRegularFile(wrapper)) {
            throw new IOException("no Maven wrapper at " + wrapper);
        }
        if (windows) {
            command.addAll(List.of("cmd", "/c", wrapper.toString()));
        } else {
            command.addAll(List.of("sh", wrapper.toString()));
        }
        command.addAll(List.of("-B", "-fn", "-am", "-pl", String.join(",", modules), "test",
                "-Dstyle.color=never",
                "-Dmaven.test.failure.ignore=true",
                "-DfailIfNoTests=false",
                "-Dsurefire.failIfNoSpecifiedTests=false",
                "-Dmaven.test.redirectTestOutputToFile=true",
                "-Dkit.timeScale=" + settings.timeScale(),
                "-Dkit.forkTimeout=" + settings.forkTimeoutSeconds()));
        if (settings.testTimeout() != null && !settings.testTimeout().isBlank()) {
            command.add("-Djunit.jupiter.execution.timeout.default=" + settings.testTimeout());
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        pb.environment().remove("MAVEN_ARGS");
        // The child Maven is short-lived: C1 and the serial collector start it faster (test JVMs are unaffected).
        pb.environment().putIfAbsent("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        Process process = pb.start();
        process.getOutputStream().close();

        BuildLog log = new BuildLog();
        Thread reader = new Thread(() -> pump(process, logFile, log, artifactTitles, progress), "child-build-log");
        reader.setDaemon(true);
        reader.start();

        Duration limit = settings.limit() != null ? settings.limit()
                : Duration.ofSeconds((settings.forkTimeoutSeconds() + 60L) * Math.max(1, modules.size()) + 180);
        boolean killed = false;
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                killed = true;
                killTree(process);
            }
            reader.join(10_000);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the tests were running", e);
        }
        return new Outcome(log, killed ? -1 : process.exitValue(), killed, logFile);
    }

    static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pump(Process process, Path logFile, BuildLog log, Map<String, String> titles,
                             Consumer<String> progress) {
        long written = 0;
        String announced = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             OutputStream out = Files.newOutputStream(logFile)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.length() > 10_000) {
                    line = line.substring(0, 10_000) + " [line cut by the grader]";
                }
                log.line(line);
                if (written < MAX_LOG_BYTES) {
                    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
                    out.write(bytes);
                    written += bytes.length;
                    if (written >= MAX_LOG_BYTES) {
                        out.write("[log cut by the grader at 20 MB]\n".getBytes(StandardCharsets.UTF_8));
                    }
                }
                if (progress != null && line.startsWith("[INFO] --- surefire:")) {
                    String artifact = line.substring(line.lastIndexOf(" @ ") + 3).replace(" ---", "").strip();
                    String title = titles.get(artifact);
                    if (title != null && !title.equals(announced)) {
                        announced = title;
                        progress.accept(title);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
