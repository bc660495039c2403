package asynckit.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where learner code runs. In order of preference:
 * <ul>
 *   <li>{@code bubblewrap}: a new user, process, network, IPC and mount namespace as an unprivileged
 *       user with no capabilities; the file system shows only the system's programs and libraries, the
 *       JDK and the folders named for the run, all read-only, plus a small private {@code /tmp}; the kit,
 *       the report folder and other learners' work are not there at all. When the test JVM ends, the
 *       kernel ends every process left in its process namespace.</li>
 *   <li>{@code unshare} (util-linux, as root): its own process and network namespace (orphans die with
 *       it, no network), but the file system is the grader's.</li>
 *   <li>none: a plain child process.</li>
 * </ul>
 * With each, where control groups can be made ({@link Cgroup}), the test JVM and all it starts share a
 * process-count and memory limit, and are all killed before the grader writes a report.
 */
final class Sandbox {
    enum Kind { BUBBLEWRAP, UNSHARE, NONE }

    /** Limits of one test JVM and everything it starts. */
    record Limits(int processes, long memoryBytes, int heapMegabytes, long tmpBytes) {
        static Limits defaults() {
            return new Limits(512, 1536L * 1024 * 1024, 384, 64L * 1024 * 1024);
        }
    }

    private final Kind kind;
    private final boolean cgroups;
    private final String why;

    private Sandbox(Kind kind, boolean cgroups, String why) {
        this.kind = kind;
        this.cgroups = cgroups;
        this.why = why;
    }

    Kind kind() {
        return kind;
    }

    /**
     * The best sandbox this machine offers, or the one asked for: {@code auto} (default), {@code none},
     * {@code bubblewrap}, {@code unshare}.
     */
    static Sandbox detect(String requested) {
        String want = requested == null || requested.isBlank() ? "auto" : requested.strip().toLowerCase();
        boolean cgroups = probeCgroups();
        if (want.equals("none")) {
            return new Sandbox(Kind.NONE, cgroups, "switched off (--sandbox=none)");
        }
        boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
        if (!linux) {
            return new Sandbox(Kind.NONE, false, "no sandbox on " + System.getProperty("os.name"));
        }
        if ((want.equals("auto") || want.startsWith("b")) && probe(List.of("bwrap", "--unshare-all", "--uid", "65534",
                "--gid", "65534", "--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev",
                "true"))) {
            return new Sandbox(Kind.BUBBLEWRAP, cgroups, null);
        }
        if ((want.equals("auto") || want.startsWith("u")) && probe(List.of("unshare", "--pid", "--fork",
                "--kill-child", "--net", "--mount-proc", "true"))) {
            return new Sandbox(Kind.UNSHARE, cgroups, "bubblewrap is not installed or cannot run here");
        }
        return new Sandbox(Kind.NONE, cgroups, "neither bubblewrap nor unshare can run here (install bubblewrap)");
    }

    private static boolean probe(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean probeCgroups() {
        Cgroup probe = Cgroup.create(64, 64L * 1024 * 1024);
        if (probe == null) {
            return false;
        }
        probe.destroy();
        return true;
    }

    boolean sandboxed() {
        return kind != Kind.NONE;
    }

    /** One sentence for the report: what protected this run, and what did not. */
    String describe(Limits limits, int wallSeconds) {
        String limitsText = cgroups ? limits.processes() + " processes and " + limits.memoryBytes() / (1024 * 1024)
                + " MB per test JVM" : "no process or memory limit (control groups cannot be made here)";
        String heap = limits.heapMegabytes() + " MB heap";
        String time = wallSeconds + " s per exercise (its own time: waiting for a busy machine's CPU did not count)";
        return switch (kind) {
            case BUBBLEWRAP -> "sandboxed (bubblewrap): learner code ran as an unprivileged user with no network;"
                    + " the kit, the report folder and other learners' work were not visible; the tests and the"
                    + " testkit were read-only; " + limitsText + ", " + heap + ", " + time
                    + "; every process it started was killed before the report was written";
            case UNSHARE -> "partly sandboxed (unshare; " + why + "): no network, and every process it started was"
                    + " killed before the report was written, but files were not protected (the grader checked its"
                    + " own files after each run); " + limitsText + ", " + heap + ", " + time;
            case NONE -> "ran unsandboxed (" + why + "): learner code had the grader's rights; the grader checked"
                    + " its own files after each run and killed " + (cgroups ? "every process it started"
                    : "the processes it could find") + "; " + limitsText + ", " + heap + ", " + time;
        };
    }

    /** A started test JVM and the means to end it and everything it started. */
    static final class Launch {
        final Process process;
        final Cgroup cgroup;

        Launch(Process process, Cgroup cgroup) {
            this.process = process;
            this.cgroup = cgroup;
        }

        /** Ends every process of this run; true when none is known to be left. */
        boolean killAll() {
            List<ProcessHandle> known = new ArrayList<>();
            process.descendants().forEach(known::add);
            boolean clean = true;
            if (cgroup != null) {
                clean = cgroup.killAll();
            }
            known.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return clean && known.stream().noneMatch(ProcessHandle::isAlive);
        }

        void close() {
            killAll();
            if (cgroup != null) {
                cgroup.destroy();
            }
        }
    }

    /**
     * Starts {@code command} in the sandbox.
     *
     * @param readOnly folders the command may read (the JDK, the trusted build, the learner's classes)
     * @param workDir  the working folder when there is no private file system (unsandboxed), else unused
     * @param env      the whole environment of the command (nothing is inherited)
     */
    Launch start(List<String> command, List<Path> readOnly, Path workDir, Map<String, String> env, Limits limits)
            throws IOException {
        List<String> full = new ArrayList<>();
        Cgroup cgroup = cgroups ? Cgroup.create(limits.processes(), limits.memoryBytes()) : null;
        if (cgroup != null) {
            // Join the group before anything else runs, so nothing the command starts can be outside it.
            StringBuilder join = new StringBuilder();
            for (Path procs : cgroup.procsFiles()) {
                join.append("echo $$ > '").append(procs.toString().replace("'", "'\\''")).append("' || exit 97; ");
            }
            full.addAll(List.of("/bin/sh", "-c", join + "exec \"$@\"", "sh"));
        }
        switch (kind) {
            case BUBBLEWRAP -> {
                full.addAll(List.of("bwrap", "--unshare-all", "--uid", "65534", "--gid", "65534", "--die-with-parent",
                        "--new-session", "--clearenv"));
                env.forEach((k, v) -> full.addAll(List.of("--setenv", k, v)));
                full.addAll(List.of("--ro-bind", "/usr", "/usr"));
                for (String top : List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")) {
                    Path p = Path.of(top);
                    if (Files.isSymbolicLink(p)) {
                        full.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), top));
                    } else if (Files.isDirectory(p)) {
                        full.addAll(List.of("--ro-bind", top, top));
                    }
                }
                full.addAll(List.of("--ro-bind", "/etc", "/etc"));
                for (String secret : List.of("/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-")) {
                    if (Files.exists(Path.of(secret))) {
                        full.addAll(List.of("--ro-bind", "/dev/null", secret));
                    }
                }
                full.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--size", String.valueOf(limits.tmpBytes()),
                        "--tmpfs", "/tmp"));
                for (Path p : readOnly) {
                    String s = p.toAbsolutePath().normalize().toString();
                    full.addAll(List.of("--ro-bind", s, s));
                }
                full.addAll(List.of("--chdir", "/tmp", "--"));
            }
            case UNSHARE -> full.addAll(List.of("unshare", "--pid", "--fork", "--kill-child", "--net", "--ipc",
                    "--uts", "--mount-proc", "--"));
            case NONE -> { }
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full);
        pb.environment().clear();
        pb.environment().putAll(env);
        if (kind != Kind.BUBBLEWRAP) {
            Files.createDirectories(workDir);
            pb.directory(workDir.toFile());
        }
        try {
            return new Launch(pb.start(), cgroup);
        } catch (IOException e) {
            if (cgroup != null) {
                cgroup.destroy();
            }
            throw e;
        }
    }
}
