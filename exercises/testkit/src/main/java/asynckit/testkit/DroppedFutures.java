package asynckit.testkit;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Futures that must not be dropped: the "forgot to await" check. A simulated service hands out its
 * futures through this ledger ({@link #handOut}); each remembers the line of the learner's code that
 * asked for it, and whether that code ever composed it. A future counts as composed when the code
 * called any method that reads or chains it ({@code thenApply}, {@code thenCompose}, {@code whenComplete},
 * {@code handle}, {@code exceptionally}, {@code join}, ...), passed it to a combining method
 * ({@code thenCombine(it, ...)}, or returned it from a {@code thenCompose} step), or it had a dependent
 * ({@code allOf}, {@code anyOf}) when it completed or when {@link #dropped()} looked at it, or the test
 * received it ({@link #returned}).
 *
 * <pre>{@code
 * DroppedFutures ledger = DroppedFutures.in(lesson.learnerClasses());
 * CompletableFuture<Void> save = ledger.handOut("save(report)");   // inside the simulated service
 * ...
 * ledger.entry(save).filter(e -> !e.composed()).ifPresent(e -> { throw DROPPED.report().saw(e.describe())... });
 * }</pre>
 *
 * <p>One limit: a future that completed first and was only then passed to {@code allOf} leaves no trace
 * (allOf reads a completed future without calling it). Use the ledger to explain a failure that the
 * behaviour already shows (the program finished while the call was pending, or its failure was lost),
 * not as the only evidence.
 */
public final class DroppedFutures {
    private final LearnerCode code;
    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    private DroppedFutures(LearnerCode code) {
        this.code = code;
    }

    /** A ledger that names the line of the learner's code that asked for a future. */
    public static DroppedFutures in(LearnerCode code) {
        return new DroppedFutures(code);
    }

    /** A ledger that names the line of these classes (and their lambdas and nested classes) that asked for a future. */
    public static DroppedFutures in(Collection<Class<?>> learnerClasses) {
        return in(LearnerCode.of(learnerClasses));
    }

    /** One future handed out. */
    public static final class Entry {
        private final String label;
        private final StackTraceElement site;
        private final String thread;
        private volatile String composedBy;
        private Tracked<?> future;

        private Entry(String label, StackTraceElement site, String thread) {
            this.label = label;
            this.site = site;
            this.thread = thread;
        }

        public String label() {
            return label;
        }

        /** The learner's line that asked for it, or null when no learner frame was on the stack. */
        public StackTraceElement site() {
            return site;
        }

        public String thread() {
            return thread;
        }

        public boolean composed() {
            return composedBy != null;
        }

        /** How it was first composed (e.g. {@code thenApply}), or null. */
        public String composedBy() {
            return composedBy;
        }

        public CompletableFuture<?> future() {
            return future;
        }

        void mark(String how) {
            if (composedBy == null) {
                composedBy = how;
            }
        }

        /** Where it was asked for, in the learner's words: {@code DailyReport.java:31 (in DailyReport.build)}. */
        public String where() {
            return DroppedFutures.where(site);
        }

        /** e.g. {@code save(report), asked for at DailyReport.java:31 (in DailyReport.build), never composed}. */
        public String describe() {
            return label + ", asked for at " + where()
                    + (composed() ? ", composed with " + composedBy : ", and nothing ever composed or returned it");
        }
    }

    /** {@code File.java:31 (in Class.method)} for a learner frame. */
    public static String where(StackTraceElement site) {
        if (site == null) {
            return "(no line of your code was on the stack)";
        }
        String cls = site.getClassName();
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        int nested = simple.indexOf('$');
        if (nested >= 0) {
            simple = simple.substring(0, nested);
        }
        String method = site.getMethodName();
        if (method.startsWith("lambda$")) {
            String[] parts = method.split("\\$");
            method = (parts.length > 1 ? parts[1] : method) + ", in a lambda";
        }
        return site.getFileName() + ":" + site.getLineNumber() + " (in " + simple + "." + method + ")";
    }

    /** A new pending future, remembered with the learner's line that is asking for it now. */
    public <T> CompletableFuture<T> handOut(String label) {
        Entry entry = new Entry(label, learnerFrame(), Thread.currentThread().getName());
        Tracked<T> future = new Tracked<>(entry);
        entry.future = future;
        entries.add(entry);
        return future;
    }

    /** The test received this future from the code under test: it was not dropped. */
    public void returned(CompletableFuture<?> future) {
        entry(future).ifPresent(e -> e.mark("being returned"));
    }

    /** The entry of a future this ledger handed out. */
    public Optional<Entry> entry(CompletableFuture<?> future) {
        return entries.stream().filter(e -> e.future == future).findFirst();
    }

    /** Every future handed out, in order. */
    public List<Entry> entries() {
        entries.forEach(DroppedFutures::lookForDependents);
        return List.copyOf(entries);
    }

    /** The futures handed out that nothing has composed so far (pending ones are looked at now). */
    public List<Entry> dropped() {
        return entries().stream().filter(e -> !e.composed()).toList();
    }

    private static void lookForDependents(Entry e) {
        if (!e.composed() && e.future != null && e.future.getNumberOfDependents() > 0) {
            e.mark("a dependent (allOf, anyOf or a combining step)");
        }
    }

    /** The first frame of the learner's classes on the current stack: the line that asked for the future. */
    public StackTraceElement learnerFrame() {
        return code.frameHere();
    }

    /**
     * The future handed out: a plain {@link CompletableFuture} that notes every way it is composed. Futures
     * derived from it ({@code thenApply}, ...) are plain {@link CompletableFuture}s.
     */
    private static final class Tracked<T> extends CompletableFuture<T> {
        private final Entry entry;

        Tracked(Entry entry) {
            this.entry = entry;
        }

        private void seen(String how) {
            entry.mark(how);
        }

        private void beforeCompleting() {
            if (getNumberOfDependents() > 0) {
                entry.mark("a dependent (allOf, anyOf or a combining step)");
            }
        }

        @Override
        public boolean complete(T value) {
            beforeCompleting();
            return super.complete(value);
        }

        @Override
        public boolean completeExceptionally(Throwable ex) {
            beforeCompleting();
            return super.completeExceptionally(ex);
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<T> toCompletableFuture() {
            seen("a combining step (thenCombine, thenCompose, ...)");
            return this;
        }

        @Override
        public T join() {
            seen("join");
            return super.join();
        }

        @Override
        public T get() throws InterruptedException, ExecutionException {
            seen("get");
            return super.get();
        }

        @Override
        public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            seen("get");
            return super.get(timeout, unit);
        }

        @Override
        public T getNow(T valueIfAbsent) {
            seen("getNow");
            return super.getNow(valueIfAbsent);
        }

        @Override
        public T resultNow() {
            seen("resultNow");
            return super.resultNow();
        }

        @Override
        public Throwable exceptionNow() {
            seen("exceptionNow");
            return super.exceptionNow();
        }

        @Override
        public boolean isCompletedExceptionally() {
            seen("isCompletedExceptionally");
            return super.isCompletedExceptionally();
        }

        @Override
        public State state() {
            seen("state");
            return super.state();
        }

        @Override
        public CompletableFuture<T> copy() {
            seen("copy");
            return super.copy();
        }

        @Override
        public CompletionStage<T> minimalCompletionStage() {
            seen("minimalCompletionStage");
            return super.minimalCompletionStage();
        }

        @Override
        public <U> CompletableFuture<U> thenApply(Function<? super T, ? extends U> fn) {
            seen("thenApply");
            return super.thenApply(fn);
        }

        @Override
        public <U> CompletableFuture<U> thenApplyAsync(Function<? super T, ? extends U> fn) {
            seen("thenApplyAsync");
            return super.thenApplyAsync(fn);
        }

        @Override
        public <U> CompletableFuture<U> thenApplyAsync(Function<? super T, ? extends U> fn, Executor executor) {
            seen("thenApplyAsync");
            return super.thenApplyAsync(fn, executor);
        }

        @Override
        public CompletableFuture<Void> thenAccept(Consumer<? super T> action) {
            seen("thenAccept");
            return super.thenAccept(action);
        }

        @Override
        public CompletableFuture<Void> thenAcceptAsync(Consumer<? super T> action) {
            seen("thenAcceptAsync");
            return super.thenAcceptAsync(action);
        }

        @Override
        public CompletableFuture<Void> thenAcceptAsync(Consumer<? super T> action, Executor executor) {
            seen("thenAcceptAsync");
            return super.thenAcceptAsync(action, executor);
        }

        @Override
        public CompletableFuture<Void> thenRun(Runnable action) {
            seen("thenRun");
            return super.thenRun(action);
        }

        @Override
        public CompletableFuture<Void> thenRunAsync(Runnable action) {
            seen("thenRunAsync");
            return super.thenRunAsync(action);
        }

        @Override
        public CompletableFuture<Void> thenRunAsync(Runnable action, Executor executor) {
            seen("thenRunAsync");
            return super.thenRunAsync(action, executor);
        }

        @Override
        public <U, V> CompletableFuture<V> thenCombine(CompletionStage<? extends U> other,
                                                       BiFunction<? super T, ? super U, ? extends V> fn) {
            seen("thenCombine");
            return super.thenCombine(other, fn);
        }

        @Override
        public <U, V> CompletableFuture<V> thenCombineAsync(CompletionStage<? extends U> other,
                                                            BiFunction<? super T, ? super U, ? extends V> fn) {
            seen("thenCombineAsync");
            return super.thenCombineAsync(other, fn);
        }

        @Override
        public <U, V> CompletableFuture<V> thenCombineAsync(CompletionStage<? extends U> other,
                                                            BiFunction<? super T, ? super U, ? extends V> fn,
                                                            Executor executor) {
            seen("thenCombineAsync");
            return super.thenCombineAsync(other, fn, executor);
        }

        @Override
        public <U> CompletableFuture<Void> thenAcceptBoth(CompletionStage<? extends U> other,
                                                          BiConsumer<? super T, ? super U> action) {
            seen("thenAcceptBoth");
            return super.thenAcceptBoth(other, action);
        }

        @Override
        public <U> CompletableFuture<Void> thenAcceptBothAsync(CompletionStage<? extends U> other,
                                                               BiConsumer<? super T, ? super U> action) {
            seen("thenAcceptBothAsync");
            return super.thenAcceptBothAsync(other, action);
        }

        @Override
        public <U> CompletableFuture<Void> thenAcceptBothAsync(CompletionStage<? extends U> other,
                                                               BiConsumer<? super T, ? super U> action,
                                                               Executor executor) {
            seen("thenAcceptBothAsync");
            return super.thenAcceptBothAsync(other, action, executor);
        }

        @Override
        public CompletableFuture<Void> runAfterBoth(CompletionStage<?> other, Runnable action) {
            seen("runAfterBoth");
            return super.runAfterBoth(other, action);
        }

        @Override
        public CompletableFuture<Void> runAfterBothAsync(CompletionStage<?> other, Runnable action) {
            seen("runAfterBothAsync");
            return super.runAfterBothAsync(other, action);
        }

        @Override
        public CompletableFuture<Void> runAfterBothAsync(CompletionStage<?> other, Runnable action, Executor executor) {
            seen("runAfterBothAsync");
            return super.runAfterBothAsync(other, action, executor);
        }

        @Override
        public <U> CompletableFuture<U> applyToEither(CompletionStage<? extends T> other, Function<? super T, U> fn) {
            seen("applyToEither");
            return super.applyToEither(other, fn);
        }

        @Override
        public <U> CompletableFuture<U> applyToEitherAsync(CompletionStage<? extends T> other,
                                                           Function<? super T, U> fn) {
            seen("applyToEitherAsync");
            return super.applyToEitherAsync(other, fn);
        }

        @Override
        public <U> CompletableFuture<U> applyToEitherAsync(CompletionStage<? extends T> other,
                                                           Function<? super T, U> fn, Executor executor) {
            seen("applyToEitherAsync");
            return super.applyToEitherAsync(other, fn, executor);
        }

        @Override
        public CompletableFuture<Void> acceptEither(CompletionStage<? extends T> other, Consumer<? super T> action) {
            seen("acceptEither");
            return super.acceptEither(other, action);
        }

        @Override
        public CompletableFuture<Void> acceptEitherAsync(CompletionStage<? extends T> other,
                                                         Consumer<? super T> action) {
            seen("acceptEitherAsync");
            return super.acceptEitherAsync(other, action);
        }

        @Override
        public CompletableFuture<Void> acceptEitherAsync(CompletionStage<? extends T> other,
                                                         Consumer<? super T> action, Executor executor) {
            seen("acceptEitherAsync");
            return super.acceptEitherAsync(other, action, executor);
        }

        @Override
        public CompletableFuture<Void> runAfterEither(CompletionStage<?> other, Runnable action) {
            seen("runAfterEither");
            return super.runAfterEither(other, action);
        }

        @Override
        public CompletableFuture<Void> runAfterEitherAsync(CompletionStage<?> other, Runnable action) {
            seen("runAfterEitherAsync");
            return super.runAfterEitherAsync(other, action);
        }

        @Override
        public CompletableFuture<Void> runAfterEitherAsync(CompletionStage<?> other, Runnable action,
                                                           Executor executor) {
            seen("runAfterEitherAsync");
            return super.runAfterEitherAsync(other, action, executor);
        }

        @Override
        public <U> CompletableFuture<U> thenCompose(Function<? super T, ? extends CompletionStage<U>> fn) {
            seen("thenCompose");
            return super.thenCompose(fn);
        }

        @Override
        public <U> CompletableFuture<U> thenComposeAsync(Function<? super T, ? extends CompletionStage<U>> fn) {
            seen("thenComposeAsync");
            return super.thenComposeAsync(fn);
        }

        @Override
        public <U> CompletableFuture<U> thenComposeAsync(Function<? super T, ? extends CompletionStage<U>> fn,
                                                         Executor executor) {
            seen("thenComposeAsync");
            return super.thenComposeAsync(fn, executor);
        }

        @Override
        public <U> CompletableFuture<U> handle(BiFunction<? super T, Throwable, ? extends U> fn) {
            seen("handle");
            return super.handle(fn);
        }

        @Override
        public <U> CompletableFuture<U> handleAsync(BiFunction<? super T, Throwable, ? extends U> fn) {
            seen("handleAsync");
            return super.handleAsync(fn);
        }

        @Override
        public <U> CompletableFuture<U> handleAsync(BiFunction<? super T, Throwable, ? extends U> fn,
                                                    Executor executor) {
            seen("handleAsync");
            return super.handleAsync(fn, executor);
        }

        @Override
        public CompletableFuture<T> whenComplete(BiConsumer<? super T, ? super Throwable> action) {
            seen("whenComplete");
            return super.whenComplete(action);
        }

        @Override
        public CompletableFuture<T> whenCompleteAsync(BiConsumer<? super T, ? super Throwable> action) {
            seen("whenCompleteAsync");
            return super.whenCompleteAsync(action);
        }

        @Override
        public CompletableFuture<T> whenCompleteAsync(BiConsumer<? super T, ? super Throwable> action,
                                                      Executor executor) {
            seen("whenCompleteAsync");
            return super.whenCompleteAsync(action, executor);
        }

        @Override
        public CompletableFuture<T> exceptionally(Function<Throwable, ? extends T> fn) {
            seen("exceptionally");
            return super.exceptionally(fn);
        }

        @Override
        public CompletableFuture<T> exceptionallyAsync(Function<Throwable, ? extends T> fn) {
            seen("exceptionallyAsync");
            return super.exceptionallyAsync(fn);
        }

        @Override
        public CompletableFuture<T> exceptionallyAsync(Function<Throwable, ? extends T> fn, Executor executor) {
            seen("exceptionallyAsync");
            return super.exceptionallyAsync(fn, executor);
        }

        @Override
        public CompletableFuture<T> exceptionallyCompose(Function<Throwable, ? extends CompletionStage<T>> fn) {
            seen("exceptionallyCompose");
            return super.exceptionallyCompose(fn);
        }

        @Override
        public CompletableFuture<T> exceptionallyComposeAsync(Function<Throwable, ? extends CompletionStage<T>> fn) {
            seen("exceptionallyComposeAsync");
            return super.exceptionallyComposeAsync(fn);
        }

        @Override
        public CompletableFuture<T> exceptionallyComposeAsync(Function<Throwable, ? extends CompletionStage<T>> fn,
                                                              Executor executor) {
            seen("exceptionallyComposeAsync");
            return super.exceptionallyComposeAsync(fn, executor);
        }
    }
}
