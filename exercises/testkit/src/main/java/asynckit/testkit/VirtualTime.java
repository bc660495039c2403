package asynckit.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Virtual time for APIs that take a scheduler: a {@link ScheduledExecutorService} whose clock moves only
 * when the test says so. "Retry after 100, 200, 400 ms" is checked exactly and in no real time: hand
 * {@link #scheduler()} to the learner's code, then {@link #advance} the clock; due tasks run on the
 * test's thread, in time order (ties in the order they were scheduled).
 *
 * <pre>{@code
 * VirtualTime time = new VirtualTime();
 * CompletableFuture<String> result = retrier.call(service, time.scheduler());
 * time.advance(Duration.ofMillis(100));      // the first retry runs now, at virtual 100 ms
 * assertThat(time.scheduledDelays()).containsExactly(Duration.ofMillis(100));
 * }</pre>
 *
 * <p>Nothing runs by itself: a task given to {@code execute} or scheduled with no delay runs at the next
 * {@link #advance} or {@link #runDue()}. {@link #history()} keeps every task ever scheduled, with the virtual
 * time it was scheduled at and its delay, for failure messages.
 */
public final class VirtualTime {
    /** One task handed to the scheduler: when (virtual ms) it was scheduled, its delay, and from which thread. */
    public record Scheduled(long atMillis, long delayMillis, String thread) {
        @Override
        public String toString() {
            return "at " + atMillis + " ms: +" + delayMillis + " ms (from thread " + thread + ")";
        }
    }

    private final Object lock = new Object();
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private final List<Scheduled> history = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Scheduler scheduler = new Scheduler();
    private long nowNanos;

    /** The scheduler to hand to the code under test. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** The virtual time since the start. */
    public Duration now() {
        synchronized (lock) {
            return Duration.ofNanos(nowNanos);
        }
    }

    /** Moves the clock forward by {@code step}, running every task that falls due on the way, in time order. */
    public void advance(Duration step) {
        long target;
        synchronized (lock) {
            target = nowNanos + step.toNanos();
        }
        runUntil(target);
    }

    /** Runs the tasks due now (delay 0, or {@code execute}) without moving the clock. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves the clock to the next scheduled task and runs it (and any task due at the same instant); false if none. */
    public boolean advanceToNext() {
        long next;
        synchronized (lock) {
            Task<?> head = queue.peek();
            if (head == null) {
                return false;
            }
            next = Math.max(head.dueNanos, nowNanos);
        }
        runUntil(next);
        return true;
    }

    private void runUntil(long target) {
        while (true) {
            Task<?> task;
            synchronized (lock) {
                task = queue.peek();
                if (task == null || task.dueNanos > target) {
                    nowNanos = Math.max(nowNanos, target);
                    return;
                }
                queue.poll();
                nowNanos = Math.max(nowNanos, task.dueNanos);
            }
            task.run();
        }
    }

    /** The tasks waiting to run, as delays from now. */
    public List<Duration> pending() {
        synchronized (lock) {
            return queue.stream().sorted().map(t -> Duration.ofNanos(t.dueNanos - nowNanos)).toList();
        }
    }

    /** Every task ever scheduled, in order. */
    public List<Scheduled> history() {
        synchronized (lock) {
            return List.copyOf(history);
        }
    }

    /** The delays of every task ever scheduled with a delay above zero, in order. */
    public List<Duration> scheduledDelays() {
        return history().stream().filter(s -> s.delayMillis() > 0).map(s -> Duration.ofMillis(s.delayMillis())).toList();
    }

    private <V> Task<V> enqueue(Callable<V> body, long delayNanos, long periodNanos) {
        if (scheduler.shut) {
            throw new java.util.concurrent.RejectedExecutionException("the virtual scheduler was shut down");
        }
        synchronized (lock) {
            long delay = Math.max(0, delayNanos);
            Task<V> task = new Task<>(body, nowNanos + delay, periodNanos, sequence.getAndIncrement());
            queue.add(task);
            history.add(new Scheduled(TimeUnit.NANOSECONDS.toMillis(nowNanos), TimeUnit.NANOSECONDS.toMillis(delay),
                    Thread.currentThread().getName()));
            return task;
        }
    }

    private final class Task<V> implements ScheduledFuture<V> {
        private final Callable<V> body;
        private final long periodNanos;
        private final long seq;
        private final CompletableFuture<V> result = new CompletableFuture<>();
        private long dueNanos;

        Task(Callable<V> body, long dueNanos, long periodNanos, long seq) {
            this.body = body;
            this.dueNanos = dueNanos;
            this.periodNanos = periodNanos;
            this.seq = seq;
        }

        void run() {
            if (result.isDone()) {
                return;
            }
            try {
                V value = body.call();
                if (periodNanos == 0) {
                    result.complete(value);
                } else {
                    synchronized (lock) {
                        dueNanos = (periodNanos > 0 ? dueNanos : nowNanos) + Math.abs(periodNanos);
                        queue.add(this);
                    }
                }
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            synchronized (lock) {
                return unit.convert(dueNanos - nowNanos, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public int compareTo(Delayed other) {
            Task<?> o = (Task<?>) other;
            int byTime = Long.compare(dueNanos, o.dueNanos);
            return byTime != 0 ? byTime : Long.compare(seq, o.seq);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            synchronized (lock) {
                queue.remove(this);
            }
            return result.cancel(mayInterruptIfRunning);
        }

        @Override
        public boolean isCancelled() {
            return result.isCancelled();
        }

        @Override
        public boolean isDone() {
            return result.isDone();
        }

        @Override
        public V get() throws InterruptedException, ExecutionException {
            return result.get();
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            return result.get(timeout, unit);
        }
    }

    private final class Scheduler extends AbstractExecutorService implements ScheduledExecutorService {
        private volatile boolean shut;

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return enqueue(Executors.callable(command), unit.toNanos(delay), 0);
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            return enqueue(callable, unit.toNanos(delay), 0);
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            if (period <= 0) {
                throw new IllegalArgumentException("period must be positive");
            }
            return enqueue(Executors.callable(command), unit.toNanos(initialDelay), unit.toNanos(period));
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
            if (delay <= 0) {
                throw new IllegalArgumentException("delay must be positive");
            }
            return enqueue(Executors.callable(command), unit.toNanos(initialDelay), -unit.toNanos(delay));
        }

        @Override
        public void execute(Runnable command) {
            enqueue(Executors.callable(command), 0, 0);
        }

        @Override
        public void shutdown() {
            shut = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shut = true;
            synchronized (lock) {
                List<Runnable> left = new ArrayList<>();
                for (Task<?> t : queue) {
                    left.add(t::run);
                }
                queue.clear();
                return left;
            }
        }

        @Override
        public boolean isShutdown() {
            return shut;
        }

        @Override
        public boolean isTerminated() {
            synchronized (lock) {
                return shut && queue.isEmpty();
            }
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return isTerminated();
        }

        @Override
        public String toString() {
            return "VirtualTime.scheduler[now=" + now().toMillis() + " ms, pending=" + pending() + "]";
        }
    }
}
