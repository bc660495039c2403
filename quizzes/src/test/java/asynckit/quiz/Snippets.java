package asynckit.quiz;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The code of every {@code runnable:} question in the banks, as real Java. Each snippet is the bank's
 * code block with {@code System.out} replaced by {@code out}; {@link SnippetsTest} runs them and compares
 * what they print with the bank's key. Every order is guaranteed by joins and latches, never by sleeping.
 */
final class Snippets {

    interface Snippet {
        void run(PrintStream out) throws Exception;
    }

    static final Map<String, Snippet> ALL = new TreeMap<>();

    static {
        // ---- async-explained ----
        ALL.put("SupplierIsLazy", out -> {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            Supplier<CompletableFuture<String>> fetch =
                    () -> CompletableFuture.supplyAsync(() -> {
                        out.println("fetching");
                        return "data";
                    }, pool);
            out.println("supplier made");
            CompletableFuture<String> started = fetch.get();
            out.println("got " + started.join());
            pool.shutdown();
        });

        // ---- sleep-and-blocking ----
        ALL.put("BlockingTaskDelaysTimer", out -> {
            ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
            long start = System.nanoTime();
            loop.execute(() -> {
                try {
                    Thread.sleep(300); // blocks the only thread
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                out.println("slow task done");
            });
            loop.execute(() -> out.println("quick task"));
            loop.schedule(() -> {
                long ms = (System.nanoTime() - start) / 1_000_000;
                out.println("timer due at 100 ms ran late: " + (ms >= 300));
            }, 100, TimeUnit.MILLISECONDS);
            loop.shutdown();
            loop.awaitTermination(10, TimeUnit.SECONDS);
        });

        // ---- composition ----
        ALL.put("AllOfReturnsVoid", out -> {
            CompletableFuture<String> a = CompletableFuture.completedFuture("a");
            CompletableFuture<String> b = CompletableFuture.completedFuture("b");
            Object all = CompletableFuture.allOf(a, b).join();
            out.println("allOf gave: " + all);
            out.println("results: " + Stream.of(a, b).map(CompletableFuture::join).toList());
        });
        ALL.put("GatherKeepsInputOrder", out -> {
            CompletableFuture<String> slow = new CompletableFuture<>();
            CompletableFuture<String> fast = new CompletableFuture<>();
            List<CompletableFuture<String>> calls = List.of(slow, fast);
            CompletableFuture<List<String>> all = CompletableFuture
                    .allOf(calls.toArray(new CompletableFuture<?>[0]))
                    .thenApply(v -> calls.stream().map(CompletableFuture::join).toList());
            fast.complete("fast reply");
            out.println("fast finished first");
            slow.complete("slow reply");
            out.println(all.join());
        });
        ALL.put("ThenComposeFlattens", out -> {
            CompletableFuture<Integer> id = CompletableFuture.completedFuture(7);
            var nested = id.thenApply(n -> CompletableFuture.completedFuture("user" + n));
            var flat = id.thenCompose(n -> CompletableFuture.completedFuture("user" + n));
            out.println(nested.join() instanceof CompletableFuture);
            out.println(flat.join());
        });
        ALL.put("ThenCombineWaitsForBoth", out -> {
            CompletableFuture<String> price = new CompletableFuture<>();
            CompletableFuture<String> stock = new CompletableFuture<>();
            CompletableFuture<String> both = price.thenCombine(stock, (p, s) -> p + " & " + s);
            stock.complete("3 left");
            out.println("after stock: " + both.isDone());
            price.complete("9.99");
            out.println(both.join());
        });

        // ---- common-mistakes ----
        ALL.put("ForgottenFutureHidesError", out -> {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CompletableFuture.runAsync(() -> {
                throw new IllegalStateException("database down");
            }, pool);
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.SECONDS);
            out.println("main: all good?");
        });
        ALL.put("CancelDoesNotInterrupt", out -> {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> {
                started.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    out.println("task: interrupted");
                    return "stopped";
                }
                out.println("task: ran to the end");
                return "result";
            }, pool);
            started.await();
            out.println("cancel returned " + f.cancel(true));
            go.countDown();
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.SECONDS);
            try {
                f.join();
            } catch (CancellationException e) {
                out.println("join threw CancellationException");
            }
        });

        // ---- threads-vs-async ----
        ALL.put("WhichThreadRunsContinuations", out -> {
            ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "worker"));
            CompletableFuture<String> ready = CompletableFuture.completedFuture("x");
            ready.thenRun(() -> out.println("A on " + Thread.currentThread().getName()));
            CompletableFuture<String> later = new CompletableFuture<>();
            later.thenRun(() -> out.println("B on " + Thread.currentThread().getName()));
            worker.submit(() -> later.complete("y")).get();
            ready.thenRunAsync(() -> out.println("C on " + Thread.currentThread().getName()), worker).join();
            worker.shutdown();
        });
        ALL.put("VirtualThreadIsAThread", out -> {
            Thread t = Thread.ofVirtual().name("v1").start(() ->
                    out.println(Thread.currentThread().getName() + " virtual=" + Thread.currentThread().isVirtual()));
            t.join();
            out.println(Thread.currentThread().getName() + " virtual=" + Thread.currentThread().isVirtual());
        });

        // ---- event-loop ----
        ALL.put("LoopQueueOrder", out -> {
            Deque<Runnable> queue = new ArrayDeque<>();
            queue.add(() -> {
                out.println("A: step 1");
                queue.add(() -> out.println("A: step 2"));
            });
            queue.add(() -> out.println("B: only step"));
            while (!queue.isEmpty()) {
                queue.poll().run();
            }
        });
        ALL.put("OneThreadNoInterleaving", out -> {
            ExecutorService loop = Executors.newSingleThreadExecutor();
            loop.execute(() -> {
                out.println("A1");
                out.println("A2");
            });
            loop.execute(() -> {
                out.println("B1");
                out.println("B2");
            });
            loop.shutdown();
            loop.awaitTermination(5, TimeUnit.SECONDS);
        });
        ALL.put("CompleteRunsDependentsNow", out -> {
            CompletableFuture<String> reply = new CompletableFuture<>();
            reply.thenAccept(r -> out.println("handler got " + r));
            out.println("before complete");
            reply.complete("pong");
            out.println("after complete");
        });

        // ---- timeouts-and-errors ----
        ALL.put("JoinVersusGet", out -> {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CompletableFuture<Integer> f = CompletableFuture.supplyAsync(() -> {
                throw new IllegalStateException("boom");
            }, pool);
            try {
                f.join();
            } catch (CompletionException e) {
                out.println("join threw CompletionException caused by " + e.getCause().getMessage());
            }
            try {
                f.get();
            } catch (ExecutionException e) {
                out.println("get threw ExecutionException caused by " + e.getCause().getMessage());
            }
            pool.shutdown();
        });
        ALL.put("TimeoutsOnANeverFuture", out -> {
            CompletableFuture<String> one = new CompletableFuture<>();
            out.println(one.completeOnTimeout("cached", 50, TimeUnit.MILLISECONDS).join());
            CompletableFuture<String> two = new CompletableFuture<>();
            out.println(two.orTimeout(50, TimeUnit.MILLISECONDS)
                    .exceptionally(e -> e.getClass().getSimpleName())
                    .join());
        });
    }

    private Snippets() {
    }
}
