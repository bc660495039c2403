// Known-wrong: the step in flight is kept in a field of the Storefront, shared by every checkout: when two
// checkouts overlap, one's deadline aborts the other's step and leaves its own running.
// expect-mistake: checkouts-share-state
package asynckit.ex07;

import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.function.*;

public final class Storefront {
    private final Shop shop;
    private final Map<String, String> lastKnownPrices;
    private final ScheduledExecutorService scheduler;

    public Storefront(Shop shop, Map<String, String> lastKnownPrices, ScheduledExecutorService scheduler) {
        this.shop = shop;
        this.lastKnownPrices = lastKnownPrices;
        this.scheduler = scheduler;
    }
    private final AtomicReference<Call<String>> current = new AtomicReference<>();

    public CompletableFuture<String> price(String item, Duration timeout) {
        Call<String> call = shop.price(item);
        return call.result()
                .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .exceptionallyCompose(error -> {
                    if (!(error instanceof TimeoutException)) {
                        return CompletableFuture.failedFuture(error);
                    }
                    call.abort();
                    String cached = lastKnownPrices.get(item);
                    return cached != null
                            ? CompletableFuture.completedFuture(cached)
                            : CompletableFuture.failedFuture(error);
                });
    }

    public CompletableFuture<String> checkout(String item, Duration budget) {
        CompletableFuture<String> result = new CompletableFuture<>();
        ScheduledFuture<?> deadline = scheduler.schedule(() -> {
            if (result.completeExceptionally(new TimeoutException("late"))) {
                Call<String> running = current.get();
                if (running != null) running.abort();
            }
        }, budget.toNanos(), TimeUnit.NANOSECONDS);
        step(shop::reserve, item, result)
                .thenCompose(r -> step(shop::charge, r, result))
                .thenCompose(p -> step(shop::confirm, p, result))
                .whenComplete((order, error) -> {
                    deadline.cancel(false);
                    if (error == null) result.complete(order);
                    else result.completeExceptionally(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                });
        return result;
    }

    private CompletableFuture<String> step(Function<String, Call<String>> start, String input, CompletableFuture<String> result) {
        if (result.isDone()) return CompletableFuture.failedFuture(new TimeoutException("over"));
        Call<String> call = start.apply(input);
        current.set(call);
        if (result.isDone()) call.abort();
        return call.result();
    }
}
