package asynckit.ex08;

import static asynckit.ex08.RetrierTest.BACKOFF_NOT_GROWING;
import static asynckit.ex08.RetrierTest.BLOCKED_CALLER;
import static asynckit.ex08.RetrierTest.DID_NOT_CALL;
import static asynckit.ex08.RetrierTest.DID_NOT_UNWRAP;
import static asynckit.ex08.RetrierTest.GAVE_UP_TOO_SOON;
import static asynckit.ex08.RetrierTest.IGNORED_THE_SCHEDULER;
import static asynckit.ex08.RetrierTest.LOST_EARLIER_FAILURES;
import static asynckit.ex08.RetrierTest.LOST_OUTCOME;
import static asynckit.ex08.RetrierTest.NO_BACKOFF;
import static asynckit.ex08.RetrierTest.NO_JITTER;
import static asynckit.ex08.RetrierTest.WRONG_RANDOM_NUMBER;
import static asynckit.ex08.RetrierTest.OVERLAPPING;
import static asynckit.ex08.RetrierTest.POLLED;
import static asynckit.ex08.RetrierTest.RETRIED_PERMANENT;
import static asynckit.ex08.RetrierTest.SLEPT;
import static asynckit.ex08.RetrierTest.TOO_MANY;
import static asynckit.ex08.RetrierTest.WRAPPED_FAILURE;
import static asynckit.ex08.RetrierTest.WRONG_BACKOFF;
import static asynckit.ex08.RetrierTest.WRONG_FAILURE;

import asynckit.testkit.ManualFutures;
import asynckit.testkit.Mistake;
import asynckit.testkit.Teach;
import asynckit.testkit.ThreadWatch;
import asynckit.testkit.TimeScale;
import asynckit.testkit.VirtualTime;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.opentest4j.AssertionFailedError;

/**
 * Drives a {@link Retrier} step by step in virtual time and names what it did wrong.
 *
 * <p>Every attempt of the operation stays pending until the test fails or completes it by hand, on a
 * thread named {@code service} (as an HTTP client's thread would). The retrier waits on a
 * {@link VirtualTime} scheduler whose clock moves only when the test moves it, on a thread named
 * {@code scheduler}; {@code call()} itself runs on a thread named {@code caller}. Each of those threads is
 * watched while it runs the learner's code ({@link ThreadWatch}), so a sleep, a join or a spin between
 * attempts is caught where it happens, with its line; a wait on a clock other than the scheduler shows up
 * as an attempt that starts by itself, with no virtual time passed. Every failure draws the log of what
 * happened, in virtual time.
 */
final class RetryHarness implements AutoCloseable {
    /** How long something that should happen at once may take (right code takes microseconds). */
    static final Duration SOON = TimeScale.millis(1_000);
    /**
     * An attempt that starts with no virtual time passed, but this long (real time) after the failure,
     * waited on a clock of its own: the learner's own clock waits the policy's literal delay (100 ms).
     */
    private static final long OWN_CLOCK_NANOS = 60_000_000L;
    /** Right code schedules one or two tasks per wait; a poll of the clock schedules many. */
    private static final int MOST_TASKS_PER_WAIT = 20;
    /** Right code needs one round of tasks per wait, two or three if its callbacks run on the scheduler too. */
    private static final int MOST_TASKS_PER_RIGHT_WAIT = 5;
    private static final int RUNAWAY_TASKS = 10_000;
    private static final long TOLERANCE_NANOS = 1_000_000;
    /** A thread that burnt this much CPU between a failure and the attempt it started was spinning. */
    private static final long SPIN_CPU_NANOS = 5_000_000;
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    final VirtualTime time = new VirtualTime();
    final RetryPolicy policy;
    final Retrier retrier;
    private final ThreadWatch watch = ThreadWatch.of(RetrierTest.LESSON);
    private final Log log = new Log();
    private final List<Double> randoms;
    private final AtomicInteger draws = new AtomicInteger();
    private final List<Question> questions = new CopyOnWriteArrayList<>();
    private final List<Run> runs = new CopyOnWriteArrayList<>();
    private int historySeen;
    private Mistake blame;
    private String blameNote;

    private record Question(Throwable error, String thread) {}

    /** Every error the test failed an attempt with: the policy must be asked about these, not about their causes. */
    private final List<Throwable> delivered = new CopyOnWriteArrayList<>();
    /** How many questions the policy had been asked when an attempt succeeded with null (a void operation's success). */
    private volatile int nullSucceededAt = Integer.MAX_VALUE;

    /**
     * How many times a thread had waited (slept, parked, waited on a monitor) at a moment the test saw it
     * run the learner's code: when a failure was delivered on it, when it asked the policy, when it started
     * an attempt. Between two such moments on the same thread only the learner's code runs, so a count that
     * grew means that code made the thread wait.
     */
    private record Mark(long threadId, long waited, long atNanos) {}

    private final List<Mark> marks = new CopyOnWriteArrayList<>();

    private Mark mark() {
        long id = Thread.currentThread().threadId();
        java.lang.management.ThreadInfo info = CPU.getThreadInfo(id);
        Mark m = new Mark(id, info == null ? -1 : info.getWaitedCount(), System.nanoTime());
        marks.add(m);
        return m;
    }

    /** A retrier with {@code maxAttempts} attempts, a first wait of {@code firstDelayMillis}, and a scripted random source. */
    RetryHarness(int maxAttempts, long firstDelayMillis, double jitter, double... randoms) {
        this.randoms = Arrays.stream(randoms).boxed().toList();
        this.policy = new RetryPolicy(maxAttempts, Duration.ofMillis(firstDelayMillis), jitter, this::isTransient);
        this.retrier = new Retrier(policy, time.scheduler(), this::nextRandom);
    }

    /** The test's policy: I/O errors and timeouts are transient, everything else is permanent. */
    static boolean transientError(Throwable error) {
        return error instanceof IOException || error instanceof TimeoutException;
    }

    private boolean isTransient(Throwable error) {
        mark();
        questions.add(new Question(error, Thread.currentThread().getName()));
        boolean answer = transientError(error);
        log.add("policy asked: is " + describe(error) + " transient? " + (answer ? "yes" : "no"));
        return answer;
    }

    private double nextRandom() {
        int i = draws.getAndIncrement();
        double r = randoms.isEmpty() ? 0.5 : randoms.get(Math.min(i, randoms.size() - 1));
        if (policy.jitter() > 0) {
            log.add("random number #" + (i + 1) + " drawn: " + r);
        }
        return r;
    }

    /**
     * From now on every mistake is reported as {@code mistake}, with {@code note} explaining why: used when
     * the same steps were right a moment ago, so what differs can only be the reason named.
     */
    void blameEverythingOn(Mistake mistake, String note) {
        this.blame = mistake;
        this.blameNote = note;
        log.mark();
    }

    // ---------------------------------------------------------------------------------------------
    // One call of the retrier and its attempts.

    /** One call of {@code retrier.call}, with the attempts it makes. */
    final class Run {
        final String name;
        private final Map<Integer, Throwable> failAtOnce = new HashMap<>();
        final List<Attempt> attempts = new CopyOnWriteArrayList<>();
        CompletableFuture<String> result;
        volatile long lastFailureVirtual;
        volatile long lastFailureReal;
        volatile int historyAtFailure;
        volatile Throwable lastError;
        /** Every thread of the JVM, watched from just before a failure is delivered until the next attempt. */
        volatile ThreadWatch.Everywhere sightings;
        /** The CPU time of every thread when the last failure was about to be delivered. */
        volatile Map<Long, Long> cpuAtFailure = Map.of();

        private Run(String name) {
            this.name = name;
        }

        /** Attempt {@code number} fails inside the operation, before the operation returns its future. */
        Run failingAtOnce(int number, Throwable error) {
            failAtOnce.put(number, error);
            return this;
        }

        String call() {
            return name.isEmpty() ? "call()" : "call(" + name + ")";
        }

        String attempt(int number) {
            return name.isEmpty() ? "attempt " + number : name + ": attempt " + number;
        }

        Attempt get(int number) {
            if (attempts.size() < number) {
                throw new IllegalStateException("the test expected " + attempt(number) + " to have started");
            }
            return attempts.get(number - 1);
        }

        /** The operation handed to the retrier: each call starts one attempt. */
        private CompletableFuture<String> operation() {
            Attempt attempt;
            synchronized (this) {
                int number = attempts.size() + 1;
                if (number > 20) {
                    return new CompletableFuture<>();
                }
                String running = attempts.stream().filter(a -> !a.source.isDone()).map(a -> attempt(a.number))
                        .findFirst().orElse(null);
                attempt = new Attempt(number, time.now().toNanos(), System.nanoTime(),
                        Thread.currentThread().getName(), running);
                attempt.threadId = Thread.currentThread().threadId();
                attempt.cpuNanos = CPU.getCurrentThreadCpuTime();
                attempt.mark = mark();
                attempt.startedAfter = result != null && result.isDone() ? result : null;
                attempts.add(attempt);
            }
            log.add(attempt(attempt.number) + " started" + (attempt.runningBefore == null ? ""
                    : " while " + attempt.runningBefore + " was still running"));
            Throwable now = failAtOnce.get(attempt.number);
            if (now != null) {
                watchEverywhere();
                failed(now);
                mark();
                attempt.failedAtVirtual = time.now().toNanos();
                log.add(attempt(attempt.number) + " failed at once, before the operation returned: " + describe(now));
                attempt.source.completeExceptionally(now);
            }
            return attempt.handed;
        }

        private void failed(Throwable error) {
            lastFailureVirtual = time.now().toNanos();
            lastFailureReal = System.nanoTime();
            historyAtFailure = time.history().size();
            lastError = error;
            delivered.add(error);
        }

        /** Starts watching every thread (what happens next may happen on any of them), and notes their CPU time. */
        private void watchEverywhere() {
            ThreadWatch.Everywhere old = sightings;
            if (old != null) {
                old.close();
            }
            Map<Long, Long> cpu = new HashMap<>();
            for (long id : CPU.getAllThreadIds()) {
                cpu.put(id, CPU.getThreadCpuTime(id));
            }
            cpuAtFailure = cpu;
            sightings = watch.everywhere(TimeScale.millis(20)).lookEveryMillisecond();
        }

        private void stopWatching() {
            ThreadWatch.Everywhere now = sightings;
            if (now != null) {
                now.close();
            }
        }
    }

    /** One attempt: a future the test completes by hand. Even-numbered attempts hand it on as a dependent stage. */
    static final class Attempt {
        final int number;
        final long virtualNanos;
        final long realNanos;
        final String thread;
        final String runningBefore;
        final CompletableFuture<String> source = new CompletableFuture<>();
        final CompletableFuture<String> handed;
        volatile long failedAtVirtual = -1;
        volatile long threadId;
        volatile long cpuNanos;
        volatile Mark mark;
        /** How call()'s future had ended when this attempt started; null while it was pending. */
        volatile CompletableFuture<?> startedAfter;

        Attempt(int number, long virtualNanos, long realNanos, String thread, String runningBefore) {
            this.number = number;
            this.virtualNanos = virtualNanos;
            this.realNanos = realNanos;
            this.thread = thread;
            this.runningBefore = runningBefore;
            // A failure that travels through a dependent stage arrives wrapped in a CompletionException,
            // as it does from most real clients (which parse or map the response before handing it on).
            this.handed = number % 2 == 0 ? source.thenApply(value -> value) : source;
        }

        boolean wrapped() {
            return number % 2 == 0;
        }
    }

    Run run(String name) {
        Run run = new Run(name);
        runs.add(run);
        return run;
    }

    // ---------------------------------------------------------------------------------------------
    // Steps. Each checks what it relies on and names the mistake when it does not hold.

    /** Calls {@code retrier.call} on a watched thread named caller; it must return a future at once. */
    CompletableFuture<String> start(Run run) {
        ThreadWatch.Outcome<CompletableFuture<String>> called =
                watch.run("caller", SOON, () -> retrier.call(run::operation));
        syncHistory();
        if (called.held() != null) {
            ThreadWatch.Sighting s = called.held();
            String sleptBefore = run.attempts.size() >= 2 && run.attempts.get(1).thread.equals("caller")
                    ? heldBetween(run, run.attempts.get(1), "caller") : null;
            List<Mistake> named = s.how() == ThreadWatch.How.WAITING && sleptBefore == null ? List.of(BLOCKED_CALLER)
                    : List.of(BLOCKED_CALLER, SLEPT);
            throw fail(report(named)
                    .saw(run.call() + " had not returned: " + s.describe() + "." + (sleptBefore == null ? ""
                            : "\nBefore that, between attempts 1 and 2, " + sleptBefore) + "\nA method that returns a"
                            + " CompletableFuture hands it back at once; waiting for an attempt, or between"
                            + " attempts, is the scheduler's job, not the caller's.")
                    .detail(s.where()));
        }
        if (called.timedOut()) {
            throw fail(report(BLOCKED_CALLER)
                    .saw(run.call() + " had not returned after " + SOON.multipliedBy(5).toMillis() + " ms, while the test held"
                            + " every attempt back. It should hand back its future at once."));
        }
        if (called.thrown() instanceof UnsupportedOperationException notWritten) {
            throw notWritten;
        }
        if (called.thrown() != null) {
            throw fail(report(LOST_OUTCOME)
                    .saw(run.call() + " threw " + describe(called.thrown()) + " instead of returning a future."
                            + "\nEvery outcome, a failure too, goes into the future call() returns."), called.thrown());
        }
        if (called.value() == null) {
            throw fail(report(LOST_OUTCOME).saw(run.call() + " returned null instead of a future."));
        }
        run.result = called.value();
        log.add(run.call() + " returned its future", "caller");
        run.result.whenComplete((value, error) -> log.add(run.call() + "'s future " + (error == null
                ? "completed with " + shown(value) : "failed with " + describe(unwrapOnce(error)))));
        return run.result;
    }

    /** The first attempt must start at once: without the clock moving. */
    void expectFirstAttempt(Run run) {
        drive("scheduler", time::runDue);
        poll(() -> !run.attempts.isEmpty() || run.result.isDone());
        checks();
        if (run.attempts.isEmpty()) {
            List<Duration> pending = time.pending();
            if (!pending.isEmpty() && pending.get(0).toNanos() > 0) {
                throw fail(report(WRONG_BACKOFF)
                        .saw(run.call() + " made no attempt at once; it scheduled a task for +"
                                + pending.get(0).toMillis() + " ms instead.\nThe first attempt starts at once;"
                                + " the waits come only between attempts."));
            }
            throw fail(report(DID_NOT_CALL)
                    .saw(run.call() + " returned, but the operation had not been called " + SOON.toMillis()
                            + " ms later" + (run.result.isDone() ? ", and its future was already done." : ".")
                            + "\nCall the operation: each call of operation.get() starts one attempt."));
        }
        if (run.result.isDone()) {
            Attempt first = run.get(1);
            if (!first.source.isDone() || run.result.state() == java.util.concurrent.Future.State.SUCCESS) {
                throw fail(report(LOST_OUTCOME)
                        .saw(run.call() + "'s future had already " + state(run.result) + " while "
                                + run.attempt(1) + " " + (first.source.isDone() ? "had failed" : "was still running")
                                + ".\nIts outcome is the outcome of the attempts; it cannot be known yet."));
            }
            throw fail(report(GAVE_UP_TOO_SOON)
                    .saw(run.attempt(1) + " failed with " + describe(run.lastError) + ", which is transient, and "
                            + run.call() + "'s future failed at once, with no retry; the policy allows "
                            + policy.maxAttempts() + " attempts."));
        }
    }

    /** Fails attempt {@code number} on the service thread, then lets the scheduler run what is due. */
    void fail(Run run, int number, Throwable error) {
        Attempt attempt = run.get(number);
        attempt.failedAtVirtual = time.now().toNanos();
        int made = run.attempts.size();
        run.watchEverywhere();
        drive("service", () -> {
            log.add(run.attempt(number) + " failed: " + describe(error) + (attempt.wrapped()
                    ? " (it reaches your code wrapped in a CompletionException)" : ""));
            run.failed(error);
            mark();
            attempt.source.completeExceptionally(error);
        });
        drive("scheduler", time::runDue);
        if (!time.pending().isEmpty() || run.attempts.size() > made || run.result.isDone()) {
            // Right code has scheduled its wait (or finished): nothing is left to catch on another thread.
            run.stopWatching();
        }
        checks();
    }

    /** Completes attempt {@code number} with {@code value} on the service thread. */
    void succeed(Run run, int number, String value) {
        Attempt attempt = run.get(number);
        if (value == null) {
            nullSucceededAt = Math.min(nullSucceededAt, questions.size());
        }
        drive("service", () -> {
            log.add(run.attempt(number) + " succeeded with " + shown(value));
            attempt.source.complete(value);
        });
        drive("scheduler", time::runDue);
        checks();
    }

    /** Moves the clock forward while attempts are running; no attempt may start. */
    void advanceWhileRunning(Run run, Duration step) {
        log.add("the test moves the clock to " + millis(time.now().plus(step).toNanos()), "test");
        drive("scheduler", () -> time.advance(step));
        checks();
        if (run.result.isDone()) {
            throw fail(report(LOST_OUTCOME)
                    .saw(run.call() + "'s future had " + state(run.result) + " while an attempt was still running."));
        }
    }

    /**
     * Attempt {@code number} must start {@code expected} after the last failure, in virtual time: the test
     * moves the clock from task to task; if nothing is scheduled it waits (real time) to see what happens.
     * {@code plain} is the wait without its random part.
     */
    void expectRetry(Run run, int number, Duration expected, Duration plain) {
        long failedAt = run.lastFailureVirtual;
        long realFrom = run.lastFailureReal;
        int steps = 0;
        while (run.attempts.size() < number) {
            checks();
            if (run.result.isDone()) {
                endedEarly(run, number);
            }
            if (!time.pending().isEmpty()) {
                if (++steps > MOST_TASKS_PER_WAIT) {
                    throw fail(report(POLLED)
                            .saw("While " + run.call() + " waited to start " + run.attempt(number) + ", the scheduler"
                                    + " ran " + MOST_TASKS_PER_WAIT + " tasks and the clock reached "
                                    + millis(time.now().toNanos()) + ", yet no attempt started.\nOne task,"
                                    + " scheduled once for the whole wait, is all a retry needs."));
                }
                logClockMove();
                drive("scheduler", time::advanceToNext);
                continue;
            }
            if (run.sightings == null || !run.sightings.isLooking()) {
                run.sightings = (run.sightings == null ? watch.everywhere(TimeScale.millis(20)) : run.sightings)
                        .lookEveryMillisecond();
            }
            boolean moved = poll(() -> run.attempts.size() >= number || run.result.isDone()
                    || !time.pending().isEmpty());
            syncHistory();
            if (!moved) {
                throw fail(report(LOST_OUTCOME)
                        .saw(run.attempt(number - 1) + " failed with " + describe(run.lastError) + " (transient; the"
                                + " policy allows " + policy.maxAttempts() + " attempts), and then nothing happened"
                                + " for " + SOON.toMillis() + " ms: no new attempt, no task on the scheduler, and "
                                + run.call() + "'s future still pending.\nNothing is left that could ever complete"
                                + " it."));
            }
        }
        Attempt attempt = run.get(number);
        run.stopWatching();
        checks();
        long waited = attempt.virtualNanos - failedAt;
        if (waited < TOLERANCE_NANOS / 2 && expected.toNanos() > 0) {
            long realGap = attempt.realNanos - realFrom;
            if (realGap >= OWN_CLOCK_NANOS) {
                String responsible = attempt.thread;
                if (responsible.equals("scheduler")) {
                    List<VirtualTime.Scheduled> all = time.history();
                    responsible = all.isEmpty() ? responsible : all.get(all.size() - 1).thread();
                }
                String held = heldBetween(run, attempt, responsible);
                if (held != null) {
                    throw fail(report(responsible.equals("caller") ? List.of(BLOCKED_CALLER, SLEPT) : List.of(SLEPT))
                            .saw(run.attempt(number) + " started " + realGap / 1_000_000 + " ms (real time) after "
                                    + run.attempt(number - 1) + " failed, with no time passed on the scheduler: "
                                    + held + "\nThat thread can do nothing else while it waits; the scheduler can wait"
                                    + " for you without any thread."));
                }
                throw fail(report(IGNORED_THE_SCHEDULER)
                        .saw(run.attempt(number) + " started " + realGap / 1_000_000 + " ms (real time) after "
                                + run.attempt(number - 1) + " failed, yet no time had passed on the scheduler call()"
                                + " was given: the wait ran on another clock. " + (responsible.equals(attempt.thread)
                                        ? "The attempt was started by thread '" + attempt.thread + "'."
                                        : "The task that started it was handed to the scheduler, to run at once, by"
                                                + " thread '" + responsible + "'.")
                                + "\nA timer of its own does that (CompletableFuture.delayedExecutor waits on the JDK's"
                                + " own timer thread, even when you give it an executor), and so does a thread that"
                                + " waits itself (if it slept or spun, the watch did not catch it in the act)."
                                + " Schedule the next attempt on the scheduler itself: scheduler.schedule(task, delay,"
                                + " unit)."));
            }
            throw fail(report(NO_BACKOFF)
                    .saw(run.attempt(number) + " started at once, " + millis(waited) + " after "
                            + run.attempt(number - 1) + " failed; it should have waited " + millis(expected.toNanos())
                            + "."));
        }
        if (steps > MOST_TASKS_PER_RIGHT_WAIT) {
            throw fail(report(POLLED)
                    .saw("Between " + run.attempt(number - 1) + "'s failure and " + run.attempt(number) + ", the"
                            + " scheduler ran " + steps + " rounds of tasks, one for every millisecond the test moved"
                            + " the clock: your code kept checking whether the wait was over.\nOne task, scheduled once"
                            + " for the whole wait, is all a retry needs; the scheduler runs it on time."));
        }
        if (Math.abs(waited - expected.toNanos()) > TOLERANCE_NANOS) {
            delayMistake(run, number, waited, expected, plain);
        }
        log.add(run.attempt(number) + " started " + millis(waited) + " after the failure, as it should", "test");
    }

    /**
     * What the thread that started an attempt by itself (or handed the task that started it to the
     * scheduler) did in your code while the wait went on: asleep, blocked, or running (spinning); null if
     * it was never seen there and burnt no CPU.
     */
    private String heldBetween(Run run, Attempt attempt, String responsible) {
        ThreadWatch.Everywhere seen = run.sightings;
        long from = run.lastFailureReal;
        long before = attempt.realNanos - 10_000_000L;
        Mark started = attempt.mark;
        Mark earlier = marks.stream()
                .filter(m -> started != null && m != started && m.threadId() == started.threadId()
                        && m.atNanos() >= from && m.atNanos() <= started.atNanos())
                .reduce((a, b) -> b).orElse(null);
        boolean waitedOnIt = responsible.equals(attempt.thread) && earlier != null && earlier.waited() >= 0
                && started.waited() > earlier.waited();
        if (seen != null) {
            for (ThreadWatch.Sighting s : seen.of(responsible)) {
                if (s.atNanos() >= from && s.atNanos() <= attempt.realNanos) {
                    return s.describe() + ".\n" + s.where();
                }
            }
            // A thread of the test's own (caller, service, scheduler) is judged by its wait count above; seen
            // merely running on a loaded machine, it may have been preempted, not spinning.
            boolean ours = List.of("caller", "service", "scheduler").contains(responsible);
            for (ThreadWatch.Sighting s : ours ? List.<ThreadWatch.Sighting>of() : seen.inCodeOf(responsible)) {
                if (s.atNanos() >= from && s.atNanos() <= before) {
                    return "thread '" + responsible + "' was seen " + (s.how() == ThreadWatch.How.RUNNING
                            ? "running your code (spinning)" : "waiting inside your code") + " "
                            + (attempt.realNanos - s.atNanos()) / 1_000_000 + " ms before it started the attempt.\n"
                            + s.where();
                }
            }
        }
        if (waitedOnIt) {
            return "thread '" + responsible + "' ran your code from the failure to the next attempt, and in between"
                    + " it waited " + (started.waited() - earlier.waited()) + " time(s) (a sleep, a park or a join)"
                    + " for " + (started.atNanos() - earlier.atNanos()) / 1_000_000 + " ms in all.";
        }
        if (responsible.equals(attempt.thread)) {
            long burnt = attempt.cpuNanos - run.cpuAtFailure.getOrDefault(attempt.threadId, 0L);
            if (burnt >= SPIN_CPU_NANOS) {
                return "thread '" + responsible + "' used " + burnt / 1_000_000 + " ms of CPU between the failure and"
                        + " the attempt it started: it was spinning, checking the clock over and over.";
            }
        }
        return null;
    }

    private void delayMistake(Run run, int number, long waited, Duration expected, Duration plain) {
        List<Long> waits = new ArrayList<>();
        for (int i = 2; i <= number; i++) {
            waits.add(run.get(i).virtualNanos - failureBefore(run, i));
        }
        Mistake mistake = WRONG_BACKOFF;
        String why = "";
        int last = waits.size() - 1;
        int other = plain.compareTo(expected) != 0 ? otherRandomNumber(waited, expected, plain) : -1;
        if (plain.compareTo(expected) != 0 && Math.abs(waited - plain.toNanos()) <= TOLERANCE_NANOS) {
            mistake = NO_JITTER;
            why = "\nThat is the plain backoff: the random part (jitter " + policy.jitter() + " × random number × the"
                    + " backoff) was not added.";
        } else if (other >= 0) {
            mistake = WRONG_RANDOM_NUMBER;
            why = "\nThat is the backoff plus a random part made with " + randoms.get(other) + ", the test's random"
                    + " number #" + (other + 1) + ", which belongs to another wait: a number drawn once and kept (in"
                    + " a field, or once per call) and used again, or drawn at another moment than when this wait"
                    + " was computed.";
        } else if (last >= 1 && waits.get(last) <= waits.get(last - 1) + TOLERANCE_NANOS) {
            mistake = BACKOFF_NOT_GROWING;
            why = "\nThe wait did not grow: each wait should be twice the one before.";
        } else if (last >= 2 && Math.abs((waits.get(last) - waits.get(last - 1))
                - (waits.get(last - 1) - waits.get(last - 2))) <= 2 * TOLERANCE_NANOS) {
            mistake = BACKOFF_NOT_GROWING;
            why = "\nThe wait grew by the same step each time; it should double.";
        }
        int allWaits = runs.stream().mapToInt(r -> Math.max(0, r.attempts.size() - 1)).sum();
        String drawn = policy.jitter() > 0 ? "\nYour code drew " + draws.get() + " random number(s) for "
                + allWaits + " wait(s)" + (runs.size() > 1 ? " in all " + runs.size() + " calls" : "")
                + "; draw exactly one per wait, when you compute it." : "";
        throw fail(report(mistake)
                .saw(run.attempt(number) + " started " + millis(waited) + " after " + run.attempt(number - 1)
                        + " failed; it should have waited " + millis(expected.toNanos()) + " (firstDelay "
                        + policy.firstDelay().toMillis() + " ms × 2^" + (number - 2) + " = " + millis(plain.toNanos())
                        + (plain.equals(expected) ? "" : ", plus its random part") + ")." + why + drawn
                        + "\nWaits so far: " + waits.stream().map(RetryHarness::millis).toList())
                .expected(millis(expected.toNanos()))
                .actual(millis(waited)));
    }

    /**
     * The index of a scripted random number, other than the one this wait should have used, that gives
     * {@code waited} as plain + plain × jitter × r; -1 if none does. The test's numbers are all different.
     */
    private int otherRandomNumber(long waited, Duration expected, Duration plain) {
        for (int i = 0; i < randoms.size(); i++) {
            long with = plain.toNanos() + Math.round(plain.toNanos() * policy.jitter() * randoms.get(i));
            if (Math.abs(with - expected.toNanos()) > TOLERANCE_NANOS && Math.abs(with - waited) <= TOLERANCE_NANOS) {
                return i;
            }
        }
        return -1;
    }

    private long failureBefore(Run run, int number) {
        long failed = run.get(number - 1).failedAtVirtual;
        return failed >= 0 ? failed : run.lastFailureVirtual;
    }

    private void endedEarly(Run run, int number) {
        checks();
        if (run.result.state() == java.util.concurrent.Future.State.SUCCESS) {
            throw fail(report(LOST_OUTCOME)
                    .saw(run.call() + "'s future completed with \"" + run.result.resultNow() + "\", although no"
                            + " attempt had succeeded."));
        }
        boolean waitedFirst = time.history().stream().skip(run.historyAtFailure).anyMatch(s -> s.delayMillis() > 0)
                && time.now().toNanos() > run.lastFailureVirtual;
        if (waitedFirst) {
            throw fail(report(DID_NOT_CALL)
                    .saw("After " + run.attempt(number - 1) + " failed, " + run.call() + " waited "
                            + millis(time.now().toNanos() - run.lastFailureVirtual) + " on the scheduler, then its"
                            + " future " + state(run.result) + ", without calling the operation again.\nA failed"
                            + " future stays failed: waiting on it again gives the same error. A retry is a new"
                            + " call of operation.get()."));
        }
        throw fail(report(GAVE_UP_TOO_SOON)
                .saw(run.call() + "'s future " + state(run.result) + " after " + (number - 1) + " attempt(s);"
                        + " the last error, " + describe(run.lastError) + ", is transient, and the policy allows "
                        + policy.maxAttempts() + " attempts in all.\nmaxAttempts counts every attempt, the first"
                        + " one included."));
    }

    /**
     * The last failure was final (a permanent error, or the last attempt allowed): call()'s future must fail
     * at once, with no attempt, no wait and no task left to run.
     */
    void expectGiveUp(Run run, boolean permanent) {
        int made = run.attempts.size();
        Mistake more = permanent ? RETRIED_PERMANENT : TOO_MANY;
        String reason = permanent ? run.attempt(made) + " failed with a permanent error, " + describe(run.lastError)
                : run.attempt(made) + " was the last of the " + policy.maxAttempts() + " attempts the policy allows";
        int steps = 0;
        while (!run.result.isDone()) {
            checks();
            if (run.attempts.size() > made) {
                break;
            }
            if (!time.pending().isEmpty()) {
                if (++steps > MOST_TASKS_PER_WAIT) {
                    break;
                }
                logClockMove();
                drive("scheduler", time::advanceToNext);
                continue;
            }
            if (!poll(() -> run.result.isDone() || run.attempts.size() > made || !time.pending().isEmpty())) {
                throw fail(report(LOST_OUTCOME)
                        .saw(reason + ". " + run.call() + "'s future should have failed then, but it was still pending "
                                + SOON.toMillis() + " ms later, with nothing scheduled that could complete it."
                                + "\nEvery path must complete the future: success, a permanent error, the last"
                                + " attempt."));
            }
        }
        run.stopWatching();
        checks();
        if (run.attempts.size() > made) {
            throw fail(report(more)
                    .saw(reason + ", yet " + run.attempt(made + 1) + " started, "
                            + millis(run.get(made + 1).virtualNanos - run.lastFailureVirtual) + " later."
                            + (permanent ? "\nA permanent error (a bad request, a missing record, no permission)"
                                    + " fails the same way every time: retrying only adds load and delay."
                                    : "\nmaxAttempts counts every attempt, the first one included.")));
        }
        if (!run.result.isDone()) {
            throw fail(report(more)
                    .saw(reason + ", yet " + run.call() + " kept scheduling tasks (" + steps + ") instead of failing"
                            + " its future."));
        }
        if (time.now().toNanos() > run.lastFailureVirtual) {
            throw fail(report(permanent ? RETRIED_PERMANENT : WRONG_BACKOFF)
                    .saw(reason + ", yet " + run.call() + "'s future failed only "
                            + millis(time.now().toNanos() - run.lastFailureVirtual) + " later, once a wait on the"
                            + " scheduler had passed.\nThere is nothing to wait for: fail the future at once."));
        }
        if (run.result.state() == java.util.concurrent.Future.State.SUCCESS) {
            throw fail(report(LOST_OUTCOME)
                    .saw(reason + ", yet " + run.call() + "'s future completed normally with \""
                            + run.result.resultNow() + "\"."));
        }
    }

    /** call()'s future failed with {@code last} itself, with {@code earlier} suppressed on it, in order. */
    void expectFailure(Run run, Throwable last, List<Throwable> earlier) {
        Throwable stored = storedFailure(run.result);
        Throwable seen = unwrapOnce(stored);
        if (seen != last) {
            boolean wraps = false;
            for (Throwable t = seen; t != null && t.getCause() != t; t = t.getCause()) {
                if (t.getCause() == last) {
                    wraps = true;
                    break;
                }
            }
            if (seen instanceof IllegalArgumentException && seen.getCause() == last
                    && "Self-suppression not permitted".equals(seen.getMessage())) {
                throw fail(report(WRONG_FAILURE)
                        .saw(run.call() + "'s future failed with " + describe(seen) + ": your code called"
                                + " addSuppressed on the last error with that same error (it was in the list of"
                                + " earlier errors too), and Throwable.addSuppressed refuses to suppress an error on"
                                + " itself; the exception it threw became the outcome.\nKeep only the earlier errors in"
                                + " the list: add an error to it when you decide to retry, not before you give up.")
                        .expected(describe(last))
                        .actual(describe(seen)));
            }
            if (seen != null && causes(last).contains(seen)) {
                throw fail(report(DID_NOT_UNWRAP)
                        .saw(run.call() + "'s future failed with " + describe(seen) + ", the cause of the last attempt's"
                                + " error, " + describe(last) + ", not that error itself: your code unwrapped past it.\n"
                                + "Unwrap only a CompletionException, one layer; what caused the error in turn stays"
                                + " inside it (getCause()) for the caller to see.")
                        .expected(describe(last))
                        .actual(describe(seen)));
            }
            int earlierIndex = indexOf(earlier, seen);
            String got = describe(seen) + (seen != null && seen.getCause() != null ? " (caused by "
                    + describe(seen.getCause()) + ")" : "");
            if (wraps) {
                throw fail(report(WRAPPED_FAILURE)
                        .saw(run.call() + "'s future failed with " + got + ": a wrapper around the last error, "
                                + describe(last) + ".\nA caller that asks get() for the cause, or catches "
                                + last.getClass().getSimpleName() + ", cannot see it. Fail the future with the error"
                                + " itself (unwrapped once from a CompletionException, if it arrived wrapped).")
                        .expected(describe(last))
                        .actual(describe(seen)));
            }
            throw fail(report(WRONG_FAILURE)
                    .saw(run.call() + "'s future failed with " + got + (earlierIndex >= 0
                            ? ", the error of attempt " + (earlierIndex + 1) + ", not of the last attempt" : "")
                            + ". It should fail with the last attempt's own error, " + describe(last) + ".")
                    .expected(describe(last))
                    .actual(describe(seen)));
        }
        List<Throwable> suppressed = List.of(last.getSuppressed());
        if (!sameInstances(suppressed, earlier)) {
            List<Throwable> onWrapper = stored != last && stored != null ? List.of(stored.getSuppressed()) : List.of();
            boolean wrappedOnes = suppressed.stream().anyMatch(s -> s instanceof CompletionException
                    && earlier.contains(s.getCause()));
            if (wrappedOnes || sameInstances(onWrapper, earlier)) {
                throw fail(report(DID_NOT_UNWRAP)
                        .saw(wrappedOnes
                                ? "The earlier errors were kept, but wrapped: " + describeAll(suppressed)
                                        + ".\nUnwrap each one before you keep it."
                                : "The earlier errors were added to the CompletionException around the last error,"
                                        + " not to the error itself, so a caller never sees them.\nUnwrap the last error,"
                                        + " add the earlier ones to it, and fail with it."));
            }
            throw fail(report(LOST_EARLIER_FAILURES)
                    .saw(run.call() + "'s future failed with " + describe(last) + ", as it should. Suppressed on it: "
                            + describeAll(suppressed) + "; it should carry every earlier attempt's error, oldest first:"
                            + " " + describeAll(earlier) + ".\nWithout them, the log of a failure after "
                            + run.attempts.size() + " attempts shows only the last one, and the first cause is lost.")
                    .expected(describeAll(earlier))
                    .actual(describeAll(suppressed)));
        }
    }

    /** call()'s future completes with {@code value}, now (after at most the due tasks and a moment's real time). */
    void expectSuccess(Run run, int number, String value) {
        if (!run.result.isDone()) {
            poll(() -> run.result.isDone());
        }
        checks();
        if (!run.result.isDone() || run.result.state() != java.util.concurrent.Future.State.SUCCESS
                || !java.util.Objects.equals(value, run.result.resultNow())) {
            throw fail(report(LOST_OUTCOME)
                    .saw(run.attempt(number) + " succeeded with " + shown(value) + ", but " + run.call() + "'s future "
                            + (run.result.isDone() ? state(run.result) : "was still pending "
                                    + SOON.toMillis() + " ms later") + ".\nThe first success is the outcome: complete"
                            + " with its value, untouched." + (value == null ? " A success may carry null (a"
                                    + " CompletableFuture<Void>, a PUT or a DELETE): tell success from failure by the"
                                    + " error (null means success), never by the value." : ""))
                    .expected(shown(value))
                    .actual(run.result.isDone() ? state(run.result) : "pending"));
        }
    }

    /** Moves the clock an hour on: no run may start another attempt. */
    void expectNothingMore(String after) {
        Map<Run, Integer> made = new HashMap<>();
        runs.forEach(r -> made.put(r, r.attempts.size()));
        log.add("the test moves the clock on by an hour", "test");
        drive("scheduler", () -> time.advance(Duration.ofHours(1)));
        checks();
        for (Run r : runs) {
            if (r.attempts.size() > made.get(r)) {
                Attempt extra = r.get(made.get(r) + 1);
                throw fail(report(TOO_MANY)
                        .saw(r.attempt(extra.number) + " started at " + millis(extra.virtualNanos) + ", " + after
                                + ": " + r.call() + " was already over."));
            }
        }
    }

    /** Logs the clock's move to the next task's time, before the test moves it there. */
    private void logClockMove() {
        List<Duration> pending = time.pending();
        if (!pending.isEmpty() && !pending.get(0).isZero()) {
            log.add("the test moves the clock to " + millis(time.now().plus(pending.get(0)).toNanos()), "test");
        }
    }

    /** How many tasks were handed to the scheduler so far. */
    int tasksScheduled() {
        return time.history().size();
    }

    // ---------------------------------------------------------------------------------------------
    // Machinery.

    /** Checks that hold at every step: no attempt overlapped another; the policy was asked about errors only. */
    void checks() {
        syncHistory();
        for (Run r : runs) {
            for (Attempt a : r.attempts) {
                if (a.runningBefore != null) {
                    throw fail(report(OVERLAPPING)
                            .saw(r.attempt(a.number) + " started at " + millis(a.virtualNanos) + " while "
                                    + a.runningBefore + " was still running: it had neither failed nor succeeded."
                                    + "\nStart the next attempt only from the failure of the one before: two at once"
                                    + " double the load on a service that is already struggling, and the first may"
                                    + " still succeed."));
                }
                if (a.startedAfter != null) {
                    Throwable ended = unwrapOnce(storedFailure(a.startedAfter));
                    boolean permanent = ended != null && !transientError(ended) && a.number - 1 < policy.maxAttempts();
                    throw fail(report(permanent ? RETRIED_PERMANENT : TOO_MANY)
                            .saw(r.attempt(a.number) + " started at " + millis(a.virtualNanos) + ", after "
                                    + r.call() + "'s future had already " + state(a.startedAfter) + ": the call was"
                                    + " over, yet your code went on.\nOnce you complete the future (" + (permanent
                                            ? "a permanent error" : ended != null ? "the last attempt"
                                            : a.startedAfter.isCancelled() ? "a cancellation" : "a success")
                                    + "), stop there: a missing return after complete or completeExceptionally lets"
                                    + " the retry code below it run as well."));
                }
            }
        }
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            if (q.error() == null && i >= nullSucceededAt) {
                throw fail(report(LOST_OUTCOME)
                        .saw("An attempt succeeded with null (a void operation's success), and then the policy was asked"
                                + " whether null is transient, on thread '" + q.thread() + "': your code took the"
                                + " success for a failure.\nTell success from failure by the error (null means"
                                + " success), never by the value: a CompletableFuture<Void> always succeeds with null."));
            }
            Throwable wrapper = q.error() == null ? null : delivered.stream()
                    .filter(d -> d != q.error() && causes(d).contains(q.error())).findFirst().orElse(null);
            if (wrapper != null) {
                throw fail(report(DID_NOT_UNWRAP)
                        .saw("The policy was asked whether " + describe(q.error()) + " is transient, on thread '"
                                + q.thread() + "'. That is not the error the attempt failed with but its cause: the"
                                + " attempt failed with " + describe(wrapper) + ".\nUnwrap only a CompletionException,"
                                + " one layer: the error inside it is the one to ask about and to fail with, whatever"
                                + " caused it in turn."));
            }
            if (q.error() == null || q.error() instanceof CompletionException || q.error() instanceof ExecutionException) {
                throw fail(report(DID_NOT_UNWRAP)
                        .saw("The policy was asked whether " + (q.error() == null ? "null"
                                : "a " + q.error().getClass().getSimpleName() + " around "
                                        + describe(q.error().getCause()))
                                + " is transient, on thread '" + q.thread() + "'.\n" + (q.error() == null
                                        ? "That is what getCause() gives for an error that was not wrapped: unwrap only"
                                                + " a CompletionException."
                                        : "A failure that travelled through a dependent stage arrives wrapped; ask about"
                                                + " the error inside it (getCause()), not the wrapper.")));
            }
        }
    }

    /** Runs a step of the test on a watched thread; a thread held inside the learner's code is named. */
    private void drive(String thread, Runnable action) {
        int before = time.history().size();
        ThreadWatch.Outcome<Object> done = watch.run(thread, SOON, () -> {
            mark();
            action.run();
            return null;
        }, () -> time.history().size() > before + RUNAWAY_TASKS);
        syncHistory();
        if (done.held() != null) {
            ThreadWatch.Sighting s = done.held();
            String whose = thread.equals("service")
                    ? "That is the thread that delivered the attempt's outcome (an HTTP client's thread, say): your"
                            + " callbacks ran on it, and it could deliver nothing else meanwhile."
                    : "That is the scheduler's own thread (your event loop): the tasks you scheduled ran on it, and no"
                            + " other timer or task could run meanwhile.";
            throw fail(report(SLEPT).saw(s.describe() + ".\n" + whose).detail(s.where()));
        }
        if (done.timedOut()) {
            int tasks = time.history().size() - before;
            time.scheduler().shutdownNow();
            if (tasks > RUNAWAY_TASKS) {
                throw fail(report(POLLED)
                        .saw("The scheduler ran more than " + RUNAWAY_TASKS + " tasks without the clock moving: a task"
                                + " that checks the clock and hands itself back to the scheduler.\nSchedule the next"
                                + " attempt once, for the whole wait."));
            }
            throw fail(report(SLEPT)
                    .saw("The thread '" + thread + "' was still inside your code " + SOON.toMillis() + " ms after the"
                            + " test handed it a step that takes microseconds."));
        }
        if (done.thrown() != null) {
            throw new AssertionError("the test's own step failed on thread " + thread, done.thrown());
        }
    }

    /** Waits (real time, up to {@link #SOON}) until {@code condition} holds; checked every millisecond. */
    private boolean poll(BooleanSupplier condition) {
        long deadline = System.nanoTime() + SOON.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        return true;
    }

    private void syncHistory() {
        List<VirtualTime.Scheduled> all = time.history();
        synchronized (this) {
            for (int i = historySeen; i < all.size(); i++) {
                VirtualTime.Scheduled s = all.get(i);
                log.add(s.atMillis() * 1_000_000, s.thread(), s.delayMillis() > 0
                        ? "a task was scheduled to run in " + s.delayMillis() + " ms"
                        : "a task was handed to the scheduler to run now");
            }
            historySeen = all.size();
        }
    }

    private Teach.Report report(Mistake mistake) {
        return report(List.of(mistake));
    }

    private Teach.Report report(List<Mistake> mistakes) {
        if (blame == null) {
            return Teach.about(mistakes);
        }
        return blame.report().saw(blameNote + "\nWhat went wrong: " + mistakes.get(0).what());
    }

    private AssertionFailedError fail(Teach.Report report) {
        return fail(report, null);
    }

    private AssertionFailedError fail(Teach.Report report, Throwable cause) {
        return report.detail(log.render()).failure(cause);
    }

    private static Throwable storedFailure(CompletableFuture<?> future) {
        if (future.state() != java.util.concurrent.Future.State.FAILED) {
            return null;
        }
        // A callback on a completed future runs at once, on this thread, and sees the failure as it is stored.
        Throwable[] stored = new Throwable[1];
        future.whenComplete((value, error) -> stored[0] = error);
        return stored[0];
    }

    /** What get() and join() report as the cause: the stored failure, less one CompletionException. */
    private static Throwable unwrapOnce(Throwable stored) {
        return stored instanceof CompletionException && stored.getCause() != null ? stored.getCause() : stored;
    }

    /** The causes of {@code error}, nearest first (not the error itself). */
    private static List<Throwable> causes(Throwable error) {
        List<Throwable> out = new ArrayList<>();
        for (Throwable t = error.getCause(); t != null && !out.contains(t) && out.size() < 20; t = t.getCause()) {
            out.add(t);
        }
        return out;
    }

    private static int indexOf(List<Throwable> list, Throwable t) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == t) {
                return i;
            }
        }
        return -1;
    }

    private static boolean sameInstances(List<Throwable> a, List<Throwable> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    static String describe(Throwable error) {
        return ManualFutures.describeError(error);
    }

    private static String describeAll(List<Throwable> errors) {
        return errors.stream().map(RetryHarness::describe).toList().toString();
    }

    private static String state(CompletableFuture<?> future) {
        return switch (future.state()) {
            case RUNNING -> "pending";
            case SUCCESS -> "completed with " + shown(future.resultNow());
            case FAILED -> "failed with " + describe(unwrapOnce(storedFailure(future)));
            case CANCELLED -> "cancelled";
        };
    }

    /** A value as the messages show it: quoted, or null (a void operation's success). */
    static String shown(Object value) {
        return value == null ? "null (a success with no value)" : "\"" + value + "\"";
    }

    static String millis(long nanos) {
        double ms = nanos / 1e6;
        return ms == Math.rint(ms) ? String.format(Locale.ROOT, "%d ms", (long) ms)
                : String.format(Locale.ROOT, "%.1f ms", ms);
    }

    @Override
    public void close() {
        runs.forEach(Run::stopWatching);
        time.scheduler().shutdownNow();
    }

    /** What happened, in virtual time, with the thread that did it. */
    private final class Log {
        private record Entry(long virtualNanos, long seq, String thread, String text) {}

        private final List<Entry> entries = new CopyOnWriteArrayList<>();
        private final AtomicLong seq = new AtomicLong();
        private volatile int mark;

        void add(String text) {
            add(text, Thread.currentThread().getName());
        }

        void add(String text, String thread) {
            add(time.now().toNanos(), thread, text);
        }

        synchronized void add(long virtualNanos, String thread, String text) {
            String move = "the test moves the clock to";
            if (text.startsWith(move) && !entries.isEmpty()
                    && entries.get(entries.size() - 1).text().startsWith(move)) {
                entries.remove(entries.size() - 1);
            }
            entries.add(new Entry(virtualNanos, seq.getAndIncrement(), thread, text));
        }

        /** Later renderings show only what happened from now on. */
        void mark() {
            mark = entries.size();
        }

        String render() {
            StringBuilder out = new StringBuilder("What happened, in the test's virtual time (its clock moves only when"
                    + " the test moves it):\n");
            out.append(String.format(Locale.ROOT, "%10s  %-12s  %s%n", "time", "thread", "event"));
            List<Entry> shown = entries.subList(Math.min(mark, entries.size()), entries.size()).stream()
                    .sorted(Comparator.comparingLong(Entry::virtualNanos).thenComparingLong(Entry::seq))
                    .toList();
            int skip = Math.max(0, shown.size() - 60);
            if (mark > 0 || skip > 0) {
                out.append(String.format(Locale.ROOT, "%10s  %-12s  %s%n", "", "", "(" + (mark + skip)
                        + " earlier events left out)"));
            }
            shown.stream().skip(skip).forEach(e -> out.append(String.format(Locale.ROOT, "%10s  %-12s  %s%n",
                    millis(e.virtualNanos()), e.thread().length() > 12 ? e.thread().substring(0, 11) + "~" : e.thread(),
                    e.text())));
            return out.toString();
        }
    }
}
