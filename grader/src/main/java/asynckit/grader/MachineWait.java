package asynckit.grader;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * How long a busy machine kept a run waiting: the time its threads were ready to run but got no CPU (Linux's
 * run-queue delay, the second field of {@code /proc/<pid>/task/<tid>/schedstat}). The grader's time limit
 * counts a run's own time, so correct code is not killed for the time other processes held the cores. Every
 * answer is 0 where the kernel does not say (not Linux, or scheduler statistics left out of the kernel). Only what
 * others took counts: a run's waiting for its own threads (more of them busy than there are cores) is its own time.
 */
final class MachineWait {
    private static final Path PROC = Path.of("/proc");

    private MachineWait() {}

    /**
     * The longest run-queue wait of any live thread of {@code root} and its descendants, in nanoseconds, each
     * counted since its thread started (they all started with the run). A thread that is blocked (a deadlock, a
     * sleep, a full pipe) does not wait for a CPU, so code that never ends is not given more time for it.
     */
    static long ofTree(ProcessHandle root) {
        long longest = ofProcess(root.pid());
        try (Stream<ProcessHandle> below = root.descendants()) {
            for (ProcessHandle p : (Iterable<ProcessHandle>) below::iterator) {
                longest = Math.max(longest, ofProcess(p.pid()));
            }
        } catch (RuntimeException e) {
            // a process ended while it was listed: what was read so far stands
        }
        return longest;
    }

    /**
     * An upper bound on the CPU time that others (other processes, the grader included) took from the machine while
     * {@code root}'s tree ran for {@code elapsedNanos}: the cores' whole capacity in that time, less what the tree
     * used itself. A run whose own threads outnumber the cores waits for a CPU too, but for its own threads: that
     * waiting is not the machine's, and this bound leaves it out (a run that kept every core busy took it all).
     */
    static long othersTook(ProcessHandle root, long elapsedNanos) {
        long own = cpuNanos(root);
        try (Stream<ProcessHandle> below = root.descendants()) {
            for (ProcessHandle p : (Iterable<ProcessHandle>) below::iterator) {
                own += cpuNanos(p);
            }
        } catch (RuntimeException e) {
            // a process ended while it was listed: what was read so far stands
        }
        return othersTook(Runtime.getRuntime().availableProcessors(), elapsedNanos, own);
    }

    static long othersTook(int cores, long elapsedNanos, long ownCpuNanos) {
        return Math.max(0, cores * elapsedNanos - ownCpuNanos);
    }

    private static long cpuNanos(ProcessHandle p) {
        return p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    /** The calling thread's own run-queue wait so far, in nanoseconds; 0 when unknown. */
    static long ofThisThread() {
        return read(PROC.resolve("thread-self/schedstat"));
    }

    private static long ofProcess(long pid) {
        long longest = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(PROC.resolve(pid + "/task"))) {
            for (Path task : tasks) {
                longest = Math.max(longest, read(task.resolve("schedstat")));
            }
        } catch (IOException | RuntimeException e) {
            // gone, or no /proc here
        }
        return longest;
    }

    /** The run-queue delay of one schedstat file ("on-cpu-ns wait-ns timeslices"); 0 when it cannot be read. */
    static long read(Path schedstat) {
        try {
            return parse(Files.readString(schedstat));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static long parse(String schedstat) {
        String[] fields = schedstat.trim().split("\\s+");
        if (fields.length < 2) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(fields[1]));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
