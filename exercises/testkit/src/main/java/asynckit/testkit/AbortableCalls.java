package asynckit.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Hand-answered calls that can be <em>aborted</em>, for lessons about giving up on work (timeouts,
 * cancellation, hedged requests, cancelling upstream). Each call stays in flight until the test answers
 * or fails it, or the code under test aborts it; completing or cancelling the call's future does not
 * end it, just as cancelling the future of a real request does not stop the request. So a test can
 * prove that code which gave up on a call really stopped it: {@link #inFlight()} still lists it otherwise.
 *
 * <p>Times come from a clock the test chooses: {@link #onClock} with a {@link VirtualTime} (then "the
 * deadline fired at exactly 300 ms" is checked in no real time) or {@link #realTime()}. {@link #render()}
 * draws every call as a lane on that clock, with how it ended:
 *
 * <pre>
 *                    0 ms                                   300 ms
 *   reserve(apple)   [============]                          100 ms  answered
 *   charge(r-1)                   [==================]       150 ms  answered
 *   confirm(p-1)                                     [=====> 50 ms   still in flight
 * </pre>
 *
 * @param <T> the type of the answers
 */
public final class AbortableCalls<T> {

    /** How a call stands. */
    public enum State { IN_FLIGHT, ANSWERED, FAILED, ABORTED }

    /** One call: what the code under test holds. */
    public final class Call {
        private final int index;
        private final String label;
        private final CompletableFuture<T> result;
        private final Duration started;
        private Duration ended;
        private State state = State.IN_FLIGHT;

        private Call(int index, String label, Duration started) {
            this.index = index;
            this.label = label;
            this.started = started;
            this.result = waits.future(label);
        }

        public String label() {
            return label;
        }

        /** The answer's future, handed to the code under test. */
        public CompletableFuture<T> result() {
            return result;
        }

        /** Stops the call: it ends as aborted and its future fails with a CancellationException. */
        public void abort() {
            if (end(this, State.ABORTED)) {
                result.completeExceptionally(new CancellationException(label + " was aborted"));
            }
        }

        public State state() {
            synchronized (AbortableCalls.this) {
                return state;
            }
        }

        @Override
        public String toString() {
            return label + " " + state().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    private final Supplier<Duration> clock;
    private final List<Call> calls = new ArrayList<>();
    /** Records a get or join on a call's future (or a future derived from one), once told whose code to watch. */
    private final Waits waits = new Waits("the shop's call");
    private volatile LearnerCode waitsFrom;
    private final Map<String, Runnable> onStart = new LinkedHashMap<>();

    private AbortableCalls(Supplier<Duration> clock) {
        this.clock = clock;
    }

    /** Calls timed on {@code time}'s virtual clock. */
    public static <T> AbortableCalls<T> onClock(VirtualTime time) {
        return new AbortableCalls<>(time::now);
    }

    /** Calls timed on the wall clock, from now. */
    public static <T> AbortableCalls<T> realTime() {
        long origin = System.nanoTime();
        return new AbortableCalls<>(() -> Duration.ofNanos(System.nanoTime() - origin));
    }

    /**
     * Starts a call. If a hook was set with {@link #whenStarted} for this label, it runs once, after the call
     * is registered and before it is handed back: the moment the code under test is in the middle of
     * starting it (for example, to let a deadline fall exactly then).
     */
    public Call start(String label) {
        Call call;
        Runnable hook;
        synchronized (this) {
            call = new Call(calls.size(), label, clock.get());
            calls.add(call);
            hook = onStart.remove(label);
            notifyAll();
        }
        if (hook != null) {
            hook.run();
        }
        return call;
    }

    /**
     * Records every get or join on the calls' futures (and futures derived from them) made, while the future
     * was pending, from the learner's code: the code under test waiting instead of composing.
     */
    public AbortableCalls<T> watchWaitsFrom(LearnerCode code) {
        waitsFrom = code;
        return this;
    }

    /** The waits recorded so far (see {@link #watchWaitsFrom}); none unless it was called. */
    public List<Waits.Wait> waits() {
        LearnerCode code = waitsFrom;
        return code == null ? List.of() : waits.seen().stream().filter(w -> code.anywhereIn(w.stack())).toList();
    }

    /** Runs {@code hook} inside the next {@link #start} of a call with this label, before it returns. */
    public synchronized void whenStarted(String label, Runnable hook) {
        onStart.put(label, hook);
    }

    /** Answers the oldest call in flight with this label; false if there is none (never made, or aborted). */
    public boolean answer(String label, T value) {
        Call call = oldestInFlight(label);
        if (call == null || !end(call, State.ANSWERED)) {
            return false;
        }
        call.result.complete(value);
        return true;
    }

    /** Fails the oldest call in flight with this label; false if there is none. */
    public boolean fail(String label, Throwable error) {
        Call call = oldestInFlight(label);
        if (call == null || !end(call, State.FAILED)) {
            return false;
        }
        call.result.completeExceptionally(error);
        return true;
    }

    /** Answers every call still in flight (cleaning up after a test), without drawing anything new. */
    public void answerAll(T value) {
        List<Call> open;
        synchronized (this) {
            open = calls.stream().filter(c -> c.state == State.IN_FLIGHT).toList();
        }
        for (Call call : open) {
            if (end(call, State.ANSWERED)) {
                call.result.complete(value);
            }
        }
    }

    private synchronized Call oldestInFlight(String label) {
        return calls.stream().filter(c -> c.label.equals(label) && c.state == State.IN_FLIGHT).findFirst().orElse(null);
    }

    private synchronized boolean end(Call call, State how) {
        if (call.state != State.IN_FLIGHT) {
            return false;
        }
        call.state = how;
        call.ended = clock.get();
        notifyAll();
        return true;
    }

    /** Every call so far, in the order they started. */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Labels of every call so far, in the order they started. */
    public synchronized List<String> started() {
        return calls.stream().map(Call::label).toList();
    }

    /** Labels of the calls still in flight. */
    public synchronized List<String> inFlight() {
        return labelsIn(State.IN_FLIGHT);
    }

    /** Labels of the calls the code under test aborted. */
    public synchronized List<String> aborted() {
        return labelsIn(State.ABORTED);
    }

    private List<String> labelsIn(State state) {
        return calls.stream().filter(c -> c.state == state).map(Call::label).toList();
    }

    /** The state of the latest call with this label, or null if none was made. */
    public synchronized State stateOf(String label) {
        for (int i = calls.size() - 1; i >= 0; i--) {
            if (calls.get(i).label.equals(label)) {
                return calls.get(i).state;
            }
        }
        return null;
    }

    /** Labels of calls in flight whose future was nevertheless cancelled or completed by someone else. */
    public synchronized List<String> inFlightButFutureDone() {
        return calls.stream().filter(c -> c.state == State.IN_FLIGHT && c.result.isDone()).map(Call::label).toList();
    }

    /** Waits (wall clock, up to {@code timeout}) until a call with this label has started. */
    public synchronized boolean awaitStarted(String label, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (calls.stream().noneMatch(c -> c.label.equals(label))) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Waits (wall clock, up to {@code timeout}) until no call with this label is in flight. */
    public synchronized boolean awaitEnded(String label, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (calls.stream().anyMatch(c -> c.label.equals(label) && c.state == State.IN_FLIGHT)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private static final int WIDTH = 40;

    /** Every call as a lane on the clock, up to now; an optional marker line (e.g. a deadline) is drawn too. */
    public String render() {
        return render(null, null);
    }

    /** As {@link #render()}, with a vertical marker named {@code markerName} at {@code marker} on the clock. */
    public String render(String markerName, Duration marker) {
        List<Call> snapshot;
        List<State> states;
        List<Duration> ends;
        Duration now = clock.get();
        synchronized (this) {
            snapshot = List.copyOf(calls);
            states = snapshot.stream().map(c -> c.state).toList();
            ends = snapshot.stream().map(c -> c.ended).toList();
        }
        if (snapshot.isEmpty()) {
            return "  (no calls were made)\n";
        }
        long span = Math.max(1, now.toNanos());
        if (marker != null) {
            span = Math.max(span, marker.toNanos());
        }
        int labelWidth = Math.min(28, Math.max(10, snapshot.stream().mapToInt(c -> c.label.length()).max().orElse(10)));
        if (markerName != null) {
            labelWidth = Math.max(labelWidth, Math.min(28, markerName.length()));
        }
        StringBuilder out = new StringBuilder();
        String tail = span / 1_000_000 + " ms";
        out.append(" ".repeat(labelWidth + 4)).append("0 ms")
                .append(" ".repeat(Math.max(1, WIDTH + 2 - 4 - tail.length()))).append(tail).append('\n');
        for (int i = 0; i < snapshot.size(); i++) {
            Call call = snapshot.get(i);
            State state = states.get(i);
            Duration end = state == State.IN_FLIGHT ? now : ends.get(i);
            int from = column(call.started.toNanos(), span);
            int to = Math.max(from + 1, column(end.toNanos(), span));
            char[] lane = new char[WIDTH + 2];
            java.util.Arrays.fill(lane, ' ');
            for (int c = from; c <= to && c < lane.length; c++) {
                lane[c] = '=';
            }
            lane[from] = '[';
            lane[Math.min(to, lane.length - 1)] = switch (state) {
                case IN_FLIGHT -> '>';
                case ANSWERED -> ']';
                case FAILED -> 'X';
                case ABORTED -> '#';
            };
            String label = call.label.length() > labelWidth ? call.label.substring(0, labelWidth - 1) + "~" : call.label;
            out.append("  ").append(String.format(Locale.ROOT, "%-" + labelWidth + "s", label)).append("  ")
                    .append(new String(lane))
                    .append(String.format(Locale.ROOT, "%6d ms  ", end.minus(call.started).toMillis()))
                    .append(switch (state) {
                        case IN_FLIGHT -> call.result.isCancelled() ? "still in flight (its future was cancelled)"
                                : call.result.isDone() ? "still in flight (its future was completed by someone else)"
                                : "still in flight";
                        case ANSWERED -> "answered";
                        case FAILED -> "failed";
                        case ABORTED -> "aborted";
                    })
                    .append('\n');
        }
        if (marker != null) {
            char[] lane = new char[WIDTH + 2];
            java.util.Arrays.fill(lane, ' ');
            lane[column(marker.toNanos(), span)] = '|';
            String name = markerName.length() > labelWidth ? markerName.substring(0, labelWidth - 1) + "~" : markerName;
            out.append("  ").append(String.format(Locale.ROOT, "%-" + labelWidth + "s", name)).append("  ")
                    .append(new String(lane).stripTrailing()).append("  at ").append(marker.toMillis()).append(" ms\n");
        }
        return out.toString();
    }

    private static int column(long nanos, long span) {
        return (int) Math.min(WIDTH, Math.round((double) nanos / span * WIDTH));
    }

    @Override
    public String toString() {
        return render();
    }
}
