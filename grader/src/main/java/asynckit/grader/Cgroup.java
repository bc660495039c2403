package asynckit.grader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A control group for one test JVM and everything it starts: a process-count and a memory limit, and a
 * way to find and kill every member, orphans and new sessions included (a process cannot leave its
 * control group). Made under the grader's own group (cgroup v1's pids and memory controllers, or v2),
 * where the grader may write; {@link #create} returns null where it may not (then there is no limit).
 */
final class Cgroup {
    private static final Path ROOT = Path.of("/sys/fs/cgroup");
    private final List<Path> dirs;
    private final Path memoryDir;
    private final boolean v2;

    private Cgroup(List<Path> dirs, Path memoryDir, boolean v2) {
        this.dirs = dirs;
        this.memoryDir = memoryDir;
        this.v2 = v2;
    }

    /** A new group with the limits, or null when control groups cannot be made here. */
    static Cgroup create(int maxProcesses, long maxMemoryBytes) {
        try {
            List<String> own = Files.readAllLines(Path.of("/proc/self/cgroup"), StandardCharsets.UTF_8);
            String name = "asynckit-grade-" + UUID.randomUUID().toString().substring(0, 8);
            String pidsPath = null;
            String memoryPath = null;
            String unifiedPath = null;
            for (String line : own) {
                String[] parts = line.split(":", 3);
                if (parts.length != 3) {
                    continue;
                }
                for (String controller : parts[1].split(",")) {
                    if (controller.equals("pids")) {
                        pidsPath = parts[2];
                    } else if (controller.equals("memory")) {
                        memoryPath = parts[2];
                    }
                }
                if (parts[0].equals("0") && parts[1].isEmpty()) {
                    unifiedPath = parts[2];
                }
            }
            if (pidsPath != null && Files.isDirectory(ROOT.resolve("pids"))) {
                Path pids = ROOT.resolve("pids").resolve(strip(pidsPath)).resolve(name);
                Files.createDirectory(pids);
                List<Path> dirs = new ArrayList<>(List.of(pids));
                Files.writeString(pids.resolve("pids.max"), String.valueOf(maxProcesses));
                Path memory = null;
                if (memoryPath != null && Files.isDirectory(ROOT.resolve("memory"))) {
                    try {
                        memory = ROOT.resolve("memory").resolve(strip(memoryPath)).resolve(name);
                        Files.createDirectory(memory);
                        dirs.add(memory);
                        Files.writeString(memory.resolve("memory.limit_in_bytes"), String.valueOf(maxMemoryBytes));
                    } catch (IOException e) {
                        memory = null;
                    }
                }
                return new Cgroup(dirs, memory, false);
            }
            if (unifiedPath != null && Files.isRegularFile(ROOT.resolve("cgroup.controllers"))) {
                Path dir = ROOT.resolve(strip(unifiedPath)).resolve(name);
                Files.createDirectory(dir);
                Cgroup group = new Cgroup(List.of(dir), dir, true);
                try {
                    Files.writeString(dir.resolve("pids.max"), String.valueOf(maxProcesses));
                    Files.writeString(dir.resolve("memory.max"), String.valueOf(maxMemoryBytes));
                } catch (IOException e) {
                    group.destroy();
                    return null;
                }
                return group;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static String strip(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    /** The files a process writes its pid to, to join this group (before it starts anything). */
    List<Path> procsFiles() {
        return dirs.stream().map(d -> d.resolve("cgroup.procs")).toList();
    }

    /** The members' process ids. */
    Set<Long> members() {
        Set<Long> pids = new LinkedHashSet<>();
        for (Path d : dirs) {
            try {
                for (String line : Files.readAllLines(d.resolve("cgroup.procs"))) {
                    if (!line.isBlank()) {
                        pids.add(Long.parseLong(line.strip()));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // a group that is gone has no members
            }
        }
        return pids;
    }

    /** Kills every member, again and again until none is left (a member may be forking); true when empty. */
    boolean killAll() {
        if (v2) {
            try {
                Files.writeString(dirs.get(0).resolve("cgroup.kill"), "1");
            } catch (IOException e) {
                // older kernels: kill one by one below
            }
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Set<Long> pids = members();
            if (pids.isEmpty()) {
                return true;
            }
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return members().isEmpty();
    }

    /** True when the memory limit killed a member (the kernel's out-of-memory killer ran in this group). */
    boolean memoryLimitHit() {
        if (memoryDir == null) {
            return false;
        }
        try {
            if (v2) {
                for (String line : Files.readAllLines(memoryDir.resolve("memory.events"))) {
                    if (line.startsWith("oom_kill ") && !line.endsWith(" 0")) {
                        return true;
                    }
                }
                return false;
            }
            for (String line : Files.readAllLines(memoryDir.resolve("memory.oom_control"))) {
                if (line.startsWith("oom_kill ") && !line.endsWith(" 0")) {
                    return true;
                }
            }
            return !Files.readString(memoryDir.resolve("memory.failcnt")).strip().equals("0");
        } catch (IOException e) {
            return false;
        }
    }

    /** True when the process limit refused a fork. */
    boolean processLimitHit() {
        try {
            Path events = dirs.get(0).resolve("pids.events");
            if (Files.isRegularFile(events)) {
                for (String line : Files.readAllLines(events)) {
                    if (line.startsWith("max ") && !line.endsWith(" 0")) {
                        return true;
                    }
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Kills what is left and removes the group. */
    void destroy() {
        killAll();
        for (Path d : dirs) {
            for (int i = 0; i < 50; i++) {
                try {
                    Files.deleteIfExists(d);
                    break;
                } catch (IOException e) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }
}
