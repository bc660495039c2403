package asynckit.testkit.internal;

import com.tngtech.archunit.core.domain.AccessTarget;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Exchanger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TransferQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;

/**
 * The catalogue of blocking calls: each family with the mistake id it reports, what it does and what
 * to do instead. Only the catalogue changes when a new blocking call is found in the wild.
 */
public enum BlockingKind {
    SLEEP("blocking-sleep", "sleeps, parking the thread for the whole delay",
            "schedule the rest instead, on the scheduler or loop your code was given (ScheduledExecutorService.schedule(...)), or else CompletableFuture.delayedExecutor(...)",
            target(Thread.class, "sleep"), target(TimeUnit.class, "sleep")),
    FUTURE_WAIT("blocking-wait-on-future", "waits for a future, parking the calling thread until it completes",
            "return the future and compose it: thenApply, thenCompose, thenCombine, allOf; after allOf, read"
                    + " values with resultNow(), which never blocks",
            target(Future.class, "get"), target(CompletableFuture.class, "join"),
            target(ForkJoinTask.class, "join", "invoke")),
    EXECUTOR_WAIT("blocking-wait-on-executor", "waits for an executor's tasks to finish",
            "collect the tasks' futures and combine them instead of waiting for the executor",
            target(ExecutorService.class, "invokeAll", "invokeAny", "awaitTermination", "close")),
    OBJECT_WAIT("blocking-wait", "calls Object.wait, parking the thread until notified",
            "complete a CompletableFuture when the condition holds and compose on it",
            target(Object.class, "wait")),
    SYNCHRONIZER_WAIT("blocking-synchronizer", "waits on a latch, barrier, semaphore, condition or park",
            "let completion drive the next step: compose futures, or use tryAcquire and release from a callback",
            target(CountDownLatch.class, "await"), target(CyclicBarrier.class, "await"),
            target(Phaser.class, "awaitAdvance", "awaitAdvanceInterruptibly", "arriveAndAwaitAdvance"),
            target(Semaphore.class, "acquire", "acquireUninterruptibly"),
            target(Condition.class, "await", "awaitNanos", "awaitUninterruptibly", "awaitUntil"),
            target(LockSupport.class, "park", "parkNanos", "parkUntil"),
            target(Exchanger.class, "exchange")),
    QUEUE_WAIT("blocking-queue", "takes from or puts into a blocking queue, parking until it can",
            "use offer/poll without a timeout, or hand items over through futures and callbacks",
            target(BlockingQueue.class, "take", "put"),
            target(BlockingDeque.class, "takeFirst", "takeLast", "putFirst", "putLast"),
            target(TransferQueue.class, "transfer")),
    THREAD_JOIN("blocking-thread-join", "joins a thread, parking until it ends",
            "have the work complete a future instead", target(Thread.class, "join")),
    SYNC_IO("blocking-io", "makes a synchronous network call",
            "use HttpClient.sendAsync, which returns a CompletableFuture",
            target(java.net.http.HttpClient.class, "send"), target(java.net.URL.class, "openStream"),
            target(java.net.URLConnection.class, "getInputStream", "getOutputStream", "connect")),
    SPIN("spin-wait", "spins: it keeps the thread busy checking again and again instead of being told when"
            + " the thing it waits for has happened",
            "attach the next step to the future (thenApply, whenComplete) or schedule it; never loop until isDone()",
            target(Thread.class, "onSpinWait", "yield")),
    EXIT("exits-the-jvm", "ends the whole JVM (and the test run with it)",
            "report failure by completing a future exceptionally or throwing",
            target(System.class, "exit"), target(Runtime.class, "exit", "halt"));

    private final String id;
    private final String does;
    private final String instead;
    private final List<CallFamily> targets;

    BlockingKind(String id, String does, String instead, CallFamily... targets) {
        this.id = id;
        this.does = does;
        this.instead = instead;
        this.targets = List.of(targets);
    }

    public String id() {
        return id;
    }

    /** What the call does, as a phrase after "It". */
    public String does() {
        return does;
    }

    public String instead() {
        return instead;
    }

    public boolean matches(AccessTarget target) {
        return targets.stream().anyMatch(t -> t.matches(target));
    }

    private static CallFamily target(Class<?> owner, String... names) {
        return CallFamily.of(owner, names);
    }
}
