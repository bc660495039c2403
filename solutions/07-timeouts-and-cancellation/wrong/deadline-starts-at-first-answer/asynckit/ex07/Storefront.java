// Known-wrong: the deadline's timer is set when reserve answers ("the clock starts once we have a
// reservation"), so the budget is counted from 100 ms, not from the call.
// expect-mistake: deadline-started-late
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
        AtomicReference<Call<String>> current = new AtomicReference<>();
        AtomicReference<ScheduledFuture<?>> deadline = new AtomicReference<>();
        Call<String> reserve = shop.reserve(item);
        current.set(reserve);
        reserve.result()
                .thenCompose(r -> {
                    deadline.set(scheduler.schedule(() -> {
                        if (result.completeExceptionally(new TimeoutException("late"))) {
                            Call<String> running = current.get();
                            if (running != null) running.abort();
                        }
                    }, budget.toNanos(), TimeUnit.NANOSECONDS));
                    Call<String> c = shop.charge(r);
                    current.set(c);
                    return c.result();
                })
                .thenCompose(p -> {
                    Call<String> c = shop.confirm(p);
                    current.set(c);
                    if (result.isDone()) c.abort();
                    return c.result();
                })
                .whenComplete((order, error) -> {
                    ScheduledFuture<?> d = deadline.get();
                    if (d != null) d.cancel(false);
                    if (error == null) result.complete(order);
                    else result.completeExceptionally(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                });
        return result;
    }
}
