package asynckit.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A thread-safe record of calls made to a simulated service: when each started and ended, on which
 * thread, how it ended, and how many calls were in flight at once.
 *
 * <p>{@link #render()} draws one ASCII lane per call, so a failure message can show a learner what
 * their code actually did:
 *
 * <pre>
 *                 0 ms                                  902 ms
 *   fetch(a)      [==========]                              301 ms
 *   fetch(b)                  [===========]                 300 ms
 *   fetch(c)                               [==========]     301 ms
 *   calls made: 3, most in flight at once: 1
 * </pre>
 */
public final class Timeline {

    /** How a call ended. */
    public enum Outcome { PENDING, SUCCEEDED, FAILED }

    /** One call as seen so far. Times are nanoseconds since the timeline was created. */
    public record Call(int index, String label, long startNanos, long endNanos, String thread, Outcome outcome) {
        public boolean pending() {
            return outcome == Outcome.PENDING;
        }

        public long millis() {
            return (endNanos - startNanos) / 1_000_000;
        }
    }

    /** A call in progress; end it exactly once. */
    public final class Handle {
        private final int index;

        private Handle(int index) {
            this.index = index;
        }

        public int index() {
            return index;
        }

        public void succeeded() {
            end(index, Outcome.SUCCEEDED);
        }

        public void failed() {
            end(index, Outcome.FAILED);
        }
    }

    private final long origin = System.nanoTime();
    private final List<Call> calls = new ArrayList<>();
    private int inFlight;
    private int peak;
    private final boolean tasks;

    /** A timeline of calls, drawn with how many were in flight at once. */
    public Timeline() {
        this(false);
    }

    private Timeline(boolean tasks) {
        this.tasks = tasks;
    }

    /** A timeline of tasks a thread ran (recorded with {@link #recordPast}), drawn without the in-flight summary. */
    public static Timeline ofTasks() {
        return new Timeline(true);
    }

    /** Records the start of a call made by the current thread. */
    public synchronized Handle begin(String label) {
        int index = calls.size();
        calls.add(new Call(index, label, now(), -1, Thread.currentThread().getName(), Outcome.PENDING));
        inFlight++;
        peak = Math.max(peak, inFlight);
        notifyAll();
        return new Handle(index);
    }

    /**
     * Records a call that has already happened, from {@link System#nanoTime()} readings; used to draw
     * what a thread was busy with after the fact.
     */
    public synchronized void recordPast(String label, long startNanoTime, long endNanoTime, String thread) {
        calls.add(new Call(calls.size(), label, startNanoTime - origin, endNanoTime - origin, thread,
                Outcome.SUCCEEDED));
    }

    private synchronized void end(int index, Outcome outcome) {
        Call call = calls.get(index);
        if (!call.pending()) {
            return;
        }
        calls.set(index, new Call(index, call.label(), call.startNanos(), now(), call.thread(), outcome));
        inFlight--;
        notifyAll();
    }

    private long now() {
        return System.nanoTime() - origin;
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    /** The largest number of calls that were ever in flight together. */
    public synchronized int peak() {
        return peak;
    }

    public synchronized int size() {
        return calls.size();
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Labels of the calls that have ended, in the order they ended. */
    public synchronized List<String> endOrder() {
        return calls.stream()
                .filter(c -> !c.pending())
                .sorted((a, b) -> Long.compare(a.endNanos(), b.endNanos()))
                .map(Call::label)
                .toList();
    }

    /** Labels in the order the calls started. */
    public synchronized List<String> startOrder() {
        return calls.stream().map(Call::label).toList();
    }

    /** The ASCII drawing of every call so far (pending calls drawn up to now, ending in '>'). */
    public String render() {
        List<Call> snapshot;
        long end;
        int peakNow;
        synchronized (this) {
            snapshot = List.copyOf(calls);
            end = now();
            peakNow = tasks ? -1 : peak;
        }
        return render(snapshot, end, peakNow);
    }

    private static final int WIDTH = 40;

    static String render(List<Call> calls, long nowNanos, int peak) {
        if (calls.isEmpty()) {
            return peak < 0 ? "  (no task took 2 ms or more)\n" : "  (no calls were made)\n";
        }
        long span = Math.max(1, calls.stream()
                .mapToLong(c -> c.pending() ? nowNanos : c.endNanos())
                .max()
                .orElse(1));
        int labelWidth = Math.min(28, Math.max(8, calls.stream().mapToInt(c -> c.label().length()).max().orElse(8)));
        StringBuilder out = new StringBuilder();
        String head = " ".repeat(labelWidth + 4) + "0 ms";
        String tail = (span / 1_000_000) + " ms";
        out.append(head)
                .append(" ".repeat(Math.max(1, WIDTH + 2 - 4 - tail.length())))
                .append(tail)
                .append('\n');
        for (Call call : calls) {
            long stop = call.pending() ? nowNanos : call.endNanos();
            int from = column(call.startNanos(), span);
            int to = Math.max(from + 1, column(stop, span));
            char[] lane = new char[WIDTH + 2];
            java.util.Arrays.fill(lane, ' ');
            for (int i = from; i <= to && i < lane.length; i++) {
                lane[i] = '=';
            }
            lane[from] = '[';
            lane[Math.min(to, lane.length - 1)] = switch (call.outcome()) {
                case PENDING -> '>';
                case FAILED -> 'X';
                case SUCCEEDED -> ']';
            };
            String label = call.label().length() > labelWidth
                    ? call.label().substring(0, labelWidth - 1) + "~"
                    : call.label();
            out.append("  ")
                    .append(String.format(Locale.ROOT, "%-" + labelWidth + "s", label))
                    .append("  ")
                    .append(new String(lane))
                    .append(String.format(Locale.ROOT, "%6d ms", (stop - call.startNanos()) / 1_000_000))
                    .append(switch (call.outcome()) {
                        case PENDING -> "  still waiting";
                        case FAILED -> "  failed";
                        case SUCCEEDED -> "";
                    })
                    .append('\n');
        }
        if (peak < 0) {
            return out.toString();
        }
        out.append("  calls made: ").append(calls.size()).append(", most in flight at once: ").append(peak).append('\n');
        return out.toString();
    }

    private static int column(long nanos, long span) {
        return (int) Math.min(WIDTH, Math.round((double) nanos / span * WIDTH));
    }

    /** Waits (up to {@code timeout}) until at least {@code count} calls have started. */
    public boolean awaitStarted(int count, java.time.Duration timeout) throws InterruptedException {
        return await(started -> started.size() >= count, timeout);
    }

    /** Waits (up to {@code timeout}) until a call with this label has started. */
    public boolean awaitStarted(String label, java.time.Duration timeout) throws InterruptedException {
        return await(started -> started.stream().anyMatch(c -> c.label().equals(label)), timeout);
    }

    /** Waits (up to {@code timeout}) until the calls so far satisfy {@code condition}; every start is a wake-up. */
    private synchronized boolean await(java.util.function.Predicate<List<Call>> condition, java.time.Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(calls)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    @Override
    public String toString() {
        return render();
    }
}
