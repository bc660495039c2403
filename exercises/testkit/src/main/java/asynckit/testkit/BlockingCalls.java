package asynckit.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.ViolationHandler;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
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
 * A static rule set for blocking calls, scoped to one exercise's production classes.
 *
 * <p>The rule is built with ArchUnit's {@code accessTargetWhere} and an {@code isAssignableTo} check
 * on the call's owner, so it also catches method references ({@code CompletableFuture::join}) and
 * calls through subtypes ({@code ScheduledFuture.get()}), which {@code callMethod(...)} misses.
 *
 * <pre>{@code
 * BlockingCalls.in(PageFetcher.class, LESSON, 3)
 *         .forbid(Kind.values())
 *         .assertNone();
 * }</pre>
 *
 * <p>A rule like this passes on an empty stub; a test must prove the code works before it runs it.
 */
public final class BlockingCalls {

    /** Families of blocking calls, each with the mistake id it reports and what to do instead. */
    public enum Kind {
        SLEEP("blocking-sleep", "sleeps, parking the thread for the whole delay",
                "schedule the rest instead: CompletableFuture.delayedExecutor(...) or ScheduledExecutorService.schedule(...)",
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
        EXIT("exits-the-jvm", "ends the whole JVM (and the test run with it)",
                "report failure by completing a future exceptionally or throwing",
                target(System.class, "exit"), target(Runtime.class, "exit", "halt"));

        private final String id;
        private final String does;
        private final String instead;
        private final List<Target> targets;

        Kind(String id, String does, String instead, Target... targets) {
            this.id = id;
            this.does = does;
            this.instead = instead;
            this.targets = List.of(targets);
        }

        public String id() {
            return id;
        }

        public String instead() {
            return instead;
        }

        boolean matches(AccessTarget target) {
            return targets.stream().anyMatch(t -> t.matches(target));
        }
    }

    private record Target(Class<?> owner, Set<String> names) {
        boolean matches(AccessTarget target) {
            return names.contains(target.getName()) && target.getOwner().isAssignableTo(owner);
        }
    }

    private static Target target(Class<?> owner, String... names) {
        return new Target(owner, Set.of(names));
    }

    /** One blocking call found in the code. */
    public record Violation(Kind kind, String where, String origin, String call) {
        String describe() {
            return where + "  in " + origin + ": " + call + "\n      It " + kind.does + ".\n      Instead: "
                    + kind.instead + ".";
        }
    }

    /** Imports started by {@link #warmUp}, by class location and package. */
    private static final java.util.Map<String, java.util.concurrent.CompletableFuture<JavaClasses>> IMPORTS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Class<?> anchor;
    private final Lesson lesson;
    private final int hint;
    private final Set<Kind> forbidden = EnumSet.noneOf(Kind.class);
    private final Set<String> allowedMethods = new LinkedHashSet<>();

    private BlockingCalls(Class<?> anchor, Lesson lesson, int hint) {
        this.anchor = anchor;
        this.lesson = lesson;
        this.hint = hint;
    }

    /**
     * Checks the production classes in {@code anchor}'s package (and below), loaded from the same place
     * as {@code anchor} (so test classes are never included). Failures point at {@code hint} in the lesson.
     */
    public static BlockingCalls in(Class<?> anchor, Lesson lesson, int hint) {
        return new BlockingCalls(anchor, lesson, hint);
    }

    public BlockingCalls forbid(Kind... kinds) {
        forbidden.addAll(Arrays.asList(kinds));
        return this;
    }

    /** Every kind of blocking call. */
    public BlockingCalls forbidAll() {
        return forbid(Kind.values());
    }

    /** Allows blocking inside the named method (and lambdas written in it), e.g. a documented edge. */
    public BlockingCalls allowIn(String methodName) {
        allowedMethods.add(methodName);
        return this;
    }

    /**
     * Starts importing {@code anchor}'s production classes on a background daemon thread, so that the
     * blocking-call test later finds them ready. ArchUnit's first import costs a few hundred
     * milliseconds of CPU; the other tests of an exercise spend that long idle, waiting on simulated
     * latency. Call it from the test class's static initializer; calling it is optional.
     */
    public static void warmUp(Class<?> anchor) {
        IMPORTS.computeIfAbsent(key(anchor), k -> {
            java.util.concurrent.CompletableFuture<JavaClasses> imported = new java.util.concurrent.CompletableFuture<>();
            Thread importer = new Thread(() -> {
                try {
                    imported.complete(importFrom(anchor));
                } catch (Throwable t) {
                    imported.completeExceptionally(t);
                }
            }, "archunit-warm-up");
            importer.setDaemon(true);
            importer.setPriority(Thread.MIN_PRIORITY);
            importer.start();
            return imported;
        });
    }

    private static String key(Class<?> anchor) {
        return anchor.getProtectionDomain().getCodeSource().getLocation() + "!" + anchor.getPackageName();
    }

    /** The rule as ArchUnit sees it. */
    public ArchRule rule() {
        Set<Kind> kinds = forbidden.isEmpty() ? EnumSet.allOf(Kind.class) : EnumSet.copyOf(forbidden);
        DescribedPredicate<AccessTarget> blocking = DescribedPredicate.describe(
                "a blocking call (" + kinds.stream().map(Kind::id).reduce((a, b) -> a + ", " + b).orElse("") + ")",
                target -> kinds.stream().anyMatch(k -> k.matches(target)));
        return noClasses().that().resideInAPackage(anchor.getPackageName() + "..")
                .should().accessTargetWhere(JavaAccess.Predicates.target(blocking))
                .allowEmptyShould(false);
    }

    /** Imports the production classes and returns every forbidden call found. */
    public List<Violation> violations() {
        JavaClasses classes = importProductionClasses();
        EvaluationResult result = rule().evaluate(classes);
        Set<Kind> kinds = forbidden.isEmpty() ? EnumSet.allOf(Kind.class) : EnumSet.copyOf(forbidden);
        List<Violation> found = new ArrayList<>();
        result.handleViolations(new ViolationHandler<JavaAccess<?>>() {
            @Override
            public void handle(Collection<JavaAccess<?>> accesses, String message) {
                for (JavaAccess<?> access : accesses) {
                    String origin = access.getOrigin().getName();
                    if (isAllowed(origin)) {
                        continue;
                    }
                    AccessTarget target = access.getTarget();
                    Kind kind = kinds.stream().filter(k -> k.matches(target)).findFirst().orElseThrow();
                    found.add(new Violation(kind,
                            access.getSourceCodeLocation().getSourceFileName() + ":" + access.getLineNumber(),
                            access.getOrigin().getOwner().getSimpleName() + "." + readable(origin),
                            target.getOwner().getSimpleName() + "." + target.getName() + "()"
                                    + (access instanceof com.tngtech.archunit.core.domain.JavaCodeUnitReference<?>
                                            ? " (as a method reference)" : "")));
                }
            }
        });
        found.sort(Comparator.comparing(Violation::where));
        return found;
    }

    /** Fails with a teaching message listing every forbidden call (file:line, the call, what to do instead). */
    public void assertNone() {
        List<Violation> found = violations();
        if (found.isEmpty()) {
            return;
        }
        Set<String> tags = new LinkedHashSet<>();
        found.forEach(v -> tags.add("[" + v.kind().id() + "]"));
        StringBuilder message = new StringBuilder("Mistake ")
                .append(String.join(" ", tags))
                .append(": your code blocks a thread where this exercise forbids it.\n");
        for (Violation v : found) {
            message.append("  ").append(v.describe()).append('\n');
        }
        message.append("\n  -> Hint ").append(hint).append(" in ").append(lesson.readme());
        throw new AssertionError(message.toString());
    }

    private boolean isAllowed(String origin) {
        return allowedMethods.stream().anyMatch(m -> origin.equals(m) || origin.startsWith("lambda$" + m + "$"));
    }

    private static String readable(String method) {
        if (method.startsWith("lambda$")) {
            String[] parts = method.split("\\$");
            return parts.length > 1 ? "a lambda in " + parts[1] + "()" : method;
        }
        return method + "()";
    }

    private JavaClasses importProductionClasses() {
        java.util.concurrent.CompletableFuture<JavaClasses> warm = IMPORTS.remove(key(anchor));
        if (warm != null) {
            try {
                return warm.join();
            } catch (java.util.concurrent.CompletionException e) {
                // The warm-up failed; import again below, so the error (if any) surfaces here.
            }
        }
        return importFrom(anchor);
    }

    private static JavaClasses importFrom(Class<?> anchor) {
        URL location = anchor.getProtectionDomain().getCodeSource().getLocation();
        try {
            String packagePath = anchor.getPackageName().replace('.', '/');
            JavaClasses classes = new ClassFileImporter()
                    .withImportOption(l -> l.contains("/" + packagePath + "/"))
                    .importLocations(Set.of(Location.of(location.toURI())));
            if (classes.stream().noneMatch(c -> c.getName().equals(anchor.getName()))) {
                throw new AssertionError("testkit could not read the classes of " + anchor.getName() + " from "
                        + location + "; the blocking-call rule has nothing to check");
            }
            return classes;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unreadable class location " + location, e);
        }
    }
}
