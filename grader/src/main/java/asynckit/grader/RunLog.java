package asynckit.grader;

import java.util.ArrayList;
import java.util.List;

/**
 * What a test JVM's output says happened, beyond the test results: out of memory, a thread limit, a stack
 * overflow, a crash of the JVM itself. Fed one line at a time (the output can be far larger than memory).
 */
final class RunLog {
    boolean heapExhausted;
    boolean otherMemoryExhausted;
    boolean threadLimit;
    boolean stackOverflow;
    boolean jvmCrash;

    void line(String line) {
        if (line.contains("OutOfMemoryError")) {
            if (line.contains("unable to create native thread") || line.contains("unable to create new native thread")) {
                threadLimit = true;
            } else if (line.contains("Java heap space") || line.contains("GC overhead limit exceeded")
                    || line.contains("Requested array size exceeds")) {
                heapExhausted = true;
            } else {
                otherMemoryExhausted = true;
            }
        }
        if (line.contains("pthread_create failed (EAGAIN)") || line.contains("Cannot create worker GC thread")
                || line.contains("unable to create native thread")) {
            threadLimit = true;
        }
        if (line.contains("java.lang.StackOverflowError")) {
            stackOverflow = true;
        }
        if (line.contains("A fatal error has been detected by the Java Runtime Environment")) {
            jvmCrash = true;
        }
    }

    /**
     * Sentences that say what happened during one run, most telling first (empty when nothing unusual).
     *
     * @param run    the run, whose results' exception types count too
     * @param limits the limits the run had
     */
    static List<String> explain(TestRun.Outcome run, Sandbox.Limits limits) {
        RunLog log = run.log();
        boolean heap = log.heapExhausted, threads = log.threadLimit || run.processLimitHit();
        boolean stack = log.stackOverflow, otherMemory = log.otherMemoryExhausted;
        for (TestRun.Result r : run.results()) {
            String text = r.type() + " " + (r.message() == null ? "" : r.message());
            if (text.contains("OutOfMemoryError")) {
                if (text.contains("native thread")) {
                    threads = true;
                } else if (text.contains("heap space") || text.contains("GC overhead")) {
                    heap = true;
                } else {
                    otherMemory = true;
                }
            }
            if (r.type().endsWith("StackOverflowError")) {
                stack = true;
            }
        }
        List<String> out = new ArrayList<>();
        if (run.memoryLimitHit()) {
            out.add("killed by the memory limit (" + limits.memoryBytes() / (1024 * 1024) + " MB for the test JVM and"
                    + " everything it started)");
        }
        if (heap) {
            out.add("ran out of memory (Java heap space; the test JVM has " + limits.heapMegabytes() + " MB): something"
                    + " keeps growing");
        } else if (otherMemory) {
            out.add("ran out of memory (OutOfMemoryError outside the heap)");
        }
        if (threads) {
            out.add("hit the thread limit (" + limits.processes() + " threads and processes): threads are created"
                    + " without bound (use an executor, or virtual threads)");
        }
        if (stack) {
            out.add("stack overflow: a method calls itself without end");
        }
        if (log.jvmCrash) {
            out.add("the JVM itself crashed (see the test output)");
        }
        if (run.leftProcesses() > 0) {
            out.add("left " + run.leftProcesses() + " process" + (run.leftProcesses() == 1 ? "" : "es")
                    + " running after the tests ended (killed by the grader)");
        }
        return out;
    }
}
