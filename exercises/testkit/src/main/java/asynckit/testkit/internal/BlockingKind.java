package asynckit.testkit.internal;

import com.tngtech.archunit.core.domain.AccessTarget;
import java.util.List;
import java.util.Set;
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
    private final List<Target> targets;

    BlockingKind(String id, String does, String instead, Target... targets) {
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

    /**
     * A method family: these names, declared by {@code owner} or any subtype. The call's owner is told apart
     * by the JVM's own answer (the class loaded, not initialised) rather than by ArchUnit's graph, so the
     * import need not read the JDK's classes that the code calls (see archunit.properties): the same answer
     * for {@code CompletableFuture.get}, a learner's subclass and a method reference, at a fraction of the
     * import's cost. A class that cannot be loaded falls back on ArchUnit's view.
     */
    private record Target(Class<?> owner, Set<String> names) {
        boolean matches(AccessTarget target) {
            if (!names.contains(target.getName())) {
                return false;
            }
            String name = target.getOwner().getName();
            if (name.equals(owner.getName())) {
                return true;
            }
            Class<?> called = load(name);
            return called != null ? owner.isAssignableFrom(called) : target.getOwner().isAssignableTo(owner);
        }
    }

    private static final java.util.Map<String, java.util.Optional<Class<?>>> LOADED =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static Class<?> load(String name) {
        return LOADED.computeIfAbsent(name, n -> {
            for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                    BlockingKind.class.getClassLoader()}) {
                if (loader == null) {
                    continue;
                }
                try {
                    return java.util.Optional.of(Class.forName(n, false, loader));
                } catch (ClassNotFoundException | LinkageError e) {
                    // try the next loader
                }
            }
            return java.util.Optional.empty();
        }).orElse(null);
    }

    private static Target target(Class<?> owner, String... names) {
        return new Target(owner, Set.of(names));
    }
}
