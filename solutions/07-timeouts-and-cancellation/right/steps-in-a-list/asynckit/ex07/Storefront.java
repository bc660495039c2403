// Right, another style: price composes with handle + thenCompose around orTimeout on a copy of the answer;
// checkout walks a list of steps recursively, each step checking the deadline flag when it starts.
package asynckit.ex07;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

public final class Storefront {
    private final Shop shop;
    private final Map<String, String> lastKnownPrices;
    private final ScheduledExecutorService scheduler;

    public Storefront(Shop shop, Map<String, String> lastKnownPrices, ScheduledExecutorService scheduler) {
        this.shop = shop;
        this.lastKnownPrices = lastKnownPrices;
        this.scheduler = scheduler;
    }

    public CompletableFuture<String> price(String item, Duration timeout) {
        Call<String> call = shop.price(item);
        return call.result().copy()
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((value, error) -> {
                    if (error == null) {
                        return CompletableFuture.completedFuture(value);
                    }
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    if (!(cause instanceof TimeoutException)) {
                        return CompletableFuture.<String>failedFuture(cause);
                    }
                    call.abort();
                    String cached = lastKnownPrices.get(item);
                    return cached == null ? CompletableFuture.<String>failedFuture(cause)
                            : CompletableFuture.completedFuture(cached);
                })
                .thenCompose(Function.identity());
    }

    public CompletableFuture<String> checkout(String item, Duration budget) {
        List<Function<String, Call<String>>> steps = List.of(shop::reserve, shop::charge, shop::confirm);
        Run run = new Run();
        ScheduledFuture<?> timer = scheduler.schedule(run::expire, budget.toNanos(), TimeUnit.NANOSECONDS);
        next(steps, 0, item, run).whenComplete((order, error) -> {
            timer.cancel(false);
            if (error == null) {
                run.result.complete(order);
            } else {
                run.result.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            }
        });
        return run.result;
    }

    private static CompletableFuture<String> next(List<Function<String, Call<String>>> steps, int index,
                                                  String input, Run run) {
        if (index == steps.size()) {
            return CompletableFuture.completedFuture(input);
        }
        return run.begin(steps.get(index).apply(input))
                .thenCompose(output -> next(steps, index + 1, output, run));
    }

    /** One checkout: its result, and the call in flight, under one lock with the deadline flag. */
    private static final class Run {
        final CompletableFuture<String> result = new CompletableFuture<>();
        private Call<String> current;
        private boolean expired;

        CompletableFuture<String> begin(Call<String> call) {
            boolean late;
            synchronized (this) {
                current = call;
                late = expired;
            }
            if (late) {
                call.abort();
            }
            return call.result();
        }

        void expire() {
            Call<String> running;
            synchronized (this) {
                expired = true;
                running = current;
            }
            result.completeExceptionally(new TimeoutException("checkout ran out of time"));
            if (running != null) {
                running.abort();
            }
        }
    }
}
