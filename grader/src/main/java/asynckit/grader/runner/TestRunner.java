package asynckit.grader.runner;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/**
 * The grader's own test runner, the main class of every test JVM (it runs inside the sandbox, next to the
 * learner's code). It reads a secret from standard input before any test class is loaded, runs every test
 * class in one folder with the JUnit Platform, and writes each result as one line that carries the
 * secret; lines without it (printed by learner code) count for nothing. After the last result it says how
 * many other processes are still alive and halts the JVM at once, so threads the learner left running
 * cannot keep it alive.
 *
 * <p>Usage: {@code TestRunner TEST_CLASSES_DIR [key=value ...]} (JUnit configuration parameters).
 * Lines: {@code @@asynckit-result SECRET STATUS MILLIS CLASS METHOD NAME TYPE MESSAGE} (the last five
 * base64) and {@code @@asynckit-end SECRET COUNT OTHER_PROCESSES}.
 */
public final class TestRunner {
    static final int MAX_MESSAGE = 64 * 1024;

    private TestRunner() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        String secret = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        System.setIn(new ByteArrayInputStream(new byte[0]));
        if (secret == null || secret.isBlank()) {
            out.println("TestRunner: no secret on standard input");
            out.flush();
            Runtime.getRuntime().halt(3);
        }
        Map<String, String> config = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq > 0) {
                config.put(args[i].substring(0, eq), args[i].substring(eq + 1));
            }
        }
        Listener listener = new Listener(out, secret);
        try {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClasspathRoots(Set.of(Path.of(args[0]))))
                    .configurationParameters(config)
                    .build();
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request, listener);
        } catch (Throwable t) {
            listener.emit("ERRORED", 0, "", "", "", t.getClass().getName(), "the test run failed: " + t);
        }
        long others;
        try {
            others = otherProcesses();
        } catch (Throwable t) {
            others = -1;
        }
        synchronized (out) {
            out.print("\n@@asynckit-end " + secret + " " + listener.count.get() + " " + others + "\n");
            out.flush();
        }
        Runtime.getRuntime().halt(0);
    }

    /** Processes other than this JVM and its sandbox's init: everything the learner's code left running. */
    private static long otherProcesses() {
        ProcessHandle self = ProcessHandle.current();
        if (Boolean.getBoolean("asynckit.ownPidNamespace")) {
            return ProcessHandle.allProcesses()
                    .filter(p -> p.pid() != self.pid())
                    .filter(p -> self.parent().map(parent -> parent.pid() != p.pid()).orElse(true))
                    .filter(p -> p.pid() != 1)
                    .filter(ProcessHandle::isAlive)
                    .count();
        }
        return self.descendants().filter(ProcessHandle::isAlive).count();
    }

    static final class Listener implements TestExecutionListener {
        private final PrintStream out;
        private final String secret;
        private final Map<String, Long> started = new ConcurrentHashMap<>();
        final AtomicInteger count = new AtomicInteger();

        Listener(PrintStream out, String secret) {
            this.out = out;
            this.secret = secret;
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            started.put(id.getUniqueId(), System.nanoTime());
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            report(id, "SKIPPED", 0, null, reason);
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            Long start = started.remove(id.getUniqueId());
            long millis = start == null ? 0 : (System.nanoTime() - start) / 1_000_000;
            Throwable t = result.getThrowable().orElse(null);
            String status = switch (result.getStatus()) {
                case SUCCESSFUL -> "PASSED";
                case ABORTED -> "SKIPPED";
                case FAILED -> t instanceof AssertionError ? "FAILED" : "ERRORED";
            };
            if (!id.isTest() && status.equals("PASSED")) {
                return;
            }
            report(id, status, millis, t, t == null ? null : messageOf(t));
        }

        private void report(TestIdentifier id, String status, long millis, Throwable t, String message) {
            Optional<TestSource> source = id.getSource();
            if (source.isEmpty()) {
                return;
            }
            String type = t == null ? "" : t.getClass().getName();
            if (source.get() instanceof MethodSource m && id.isTest()) {
                emit(status, millis, m.getClassName(), m.getMethodName(), id.getDisplayName(), type, message);
            } else if (source.get() instanceof ClassSource c) {
                emit(status, millis, c.getClassName(), "", id.getDisplayName(), type, message);
            }
        }

        private static String messageOf(Throwable t) {
            String m;
            try {
                m = t.getMessage();
            } catch (Throwable inner) {
                m = null;
            }
            if (m == null || m.isBlank()) {
                m = t.getClass().getName();
            }
            return m;
        }

        void emit(String status, long millis, String className, String method, String name, String type,
                  String message) {
            count.incrementAndGet();
            String line = "\n@@asynckit-result " + secret + " " + status + " " + millis + " " + b64(className) + " "
                    + b64(method) + " " + b64(name) + " " + b64(type) + " " + b64(message) + "\n";
            synchronized (out) {
                out.print(line);
                out.flush();
            }
        }

        private static String b64(String s) {
            String v = s == null ? "" : s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE) : s;
            return v.isEmpty() ? "-" : Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8));
        }
    }
}
