package asynckit.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * A simulated service bound to an event loop, the way asyncio's clients are: it must be called on the
 * loop thread, and it delivers every answer as a task on that loop, so continuations run on the loop.
 * Answers are given by the test ({@link #complete}, {@link #fail}) or, after {@link #answerAtOnce}, as
 * soon as each call is made. Each call is drawn on a {@link Timeline}, remembers the thread and the
 * learner's line that made it, and its future is handed out through a {@link DroppedFutures} ledger.
 *
 * <p>Because answers are loop tasks, code on the loop that waits for one ({@code join}, {@code get})
 * waits for a task queued behind itself: it deadlocks, and {@link StuckLoop} reports it.
 *
 * @param <T> the type of the answers
 */
public final class LoopBoundService<T> {

    /** One call: its key, what it was given, where and on which thread it was made, and its future. */
    public record Call<T>(int index, String key, Object argument, String thread, boolean onLoop,
                          StackTraceElement site, CompletableFuture<T> future, Timeline.Handle handle) {
        /** {@code name(key)}. */
        public String label(String service) {
            return service + "(" + key + ")";
        }
    }

    private final String name;
    private final WatchedLoop loop;
    private final Timeline timeline;
    private final DroppedFutures ledger;
    private final List<Call<T>> calls = new ArrayList<>();
    /** Calls whose answer has been handed to the loop (it may not have run yet). */
    private final java.util.Set<Integer> answered = new java.util.HashSet<>();
    private volatile Function<String, T> atOnce;
    private volatile Function<String, Throwable> failAtOnce;

    public LoopBoundService(String name, WatchedLoop loop, Timeline timeline, DroppedFutures ledger) {
        this.name = name;
        this.loop = loop;
        this.timeline = timeline;
        this.ledger = ledger;
    }

    public String name() {
        return name;
    }

    /** From now on, every call is answered as soon as it is made (on the loop): with {@code answer}. */
    public LoopBoundService<T> answerAtOnce(Function<String, T> answer) {
        this.atOnce = answer;
        return this;
    }

    /** From now on, calls whose key gets a non-null failure fail as soon as they are made (on the loop). */
    public LoopBoundService<T> failAtOnce(Function<String, Throwable> failure) {
        this.failAtOnce = failure;
        return this;
    }

    /** Makes a call with this key; {@code argument} is what the code passed (for messages and checks). */
    public CompletableFuture<T> call(String key, Object argument) {
        Thread me = Thread.currentThread();
        boolean onLoop = loop.isLoopThread(me);
        CompletableFuture<T> future = ledger.handOut(name + "(" + key + ")");
        Call<T> call;
        synchronized (calls) {
            call = new Call<>(calls.size(), key, argument, me.getName(), onLoop, ledger.learnerFrame(), future,
                    timeline.begin(name + "(" + key + ")"));
            calls.add(call);
        }
        Function<String, Throwable> failing = failAtOnce;
        Throwable failure = failing == null ? null : failing.apply(key);
        if (failure != null) {
            deliver(call, null, failure);
        } else if (atOnce != null) {
            deliver(call, atOnce.apply(key), null);
        }
        return future;
    }

    /** Every call so far, in order. */
    public List<Call<T>> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public int callCount() {
        synchronized (calls) {
            return calls.size();
        }
    }

    /** Calls whose future is still pending, in call order. */
    public List<Call<T>> pending() {
        synchronized (calls) {
            return calls.stream().filter(c -> !c.future().isDone()).toList();
        }
    }

    /** Calls made on a thread other than the loop's. */
    public List<Call<T>> offLoop() {
        synchronized (calls) {
            return calls.stream().filter(c -> !c.onLoop()).toList();
        }
    }

    /** Answers the oldest pending call with this key, as a task on the loop. */
    public void complete(String key, T value) {
        deliver(take(key), value, null);
    }

    /** Fails the oldest pending call with this key, as a task on the loop. */
    public void fail(String key, Throwable failure) {
        deliver(take(key), null, failure);
    }

    /**
     * Completes every pending call at once on the calling thread (not the loop): for clean-up after a
     * test, when the loop may be stuck. Returns how many it completed.
     */
    public int releaseAll(Function<String, T> answer) {
        int n = 0;
        for (Call<T> call : pending()) {
            call.handle().succeeded();
            if (call.future().complete(answer.apply(call.key()))) {
                n++;
            }
        }
        return n;
    }

    private void deliver(Call<T> call, T value, Throwable failure) {
        synchronized (calls) {
            answered.add(call.index());
        }
        Runnable task = () -> {
            if (failure == null) {
                call.handle().succeeded();
                call.future().complete(value);
            } else {
                call.handle().failed();
                call.future().completeExceptionally(failure);
            }
        };
        try {
            loop.executor().execute(task);
        } catch (RejectedExecutionException closed) {
            task.run();
        }
    }

    private Call<T> take(String key) {
        synchronized (calls) {
            return calls.stream()
                    .filter(c -> c.key().equals(key) && !c.future().isDone() && !answered.contains(c.index()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no pending call " + name + "(" + key + "); calls so far: "
                            + calls.stream().map(Call::key).toList()));
        }
    }
}
