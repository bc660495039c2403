// Known-wrong: a unit mixed up: the timeout's milliseconds handed to a timer that counts microseconds, on
// the scheduler, so price gives up a thousand times too early.
// expect-mistake: gave-up-too-early
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
        CompletableFuture<String> result = new CompletableFuture<>();
        ScheduledFuture<?> timer = scheduler.schedule(() -> {
            String cached = lastKnownPrices.get(item);
            if (cached != null ? result.complete(cached) : result.completeExceptionally(new TimeoutException(item))) {
                call.abort();
            }
        }, timeout.toMillis(), TimeUnit.MICROSECONDS);
        call.result().whenComplete((v, e) -> {
            timer.cancel(false);
            if (e == null) result.complete(v); else result.completeExceptionally(e);
        });
        return result;
    }

    public CompletableFuture<String> checkout(String item, Duration budget) {
        CompletableFuture<String> result = new CompletableFuture<>();
        AtomicReference<Call<String>> current = new AtomicReference<>();
        ScheduledFuture<?> deadline = scheduler.schedule(() -> {
            if (result.completeExceptionally(new TimeoutException("late"))) {
                Call<String> running = current.get();
                if (running != null) running.abort();
            }
        }, budget.toNanos(), TimeUnit.NANOSECONDS);
        step(shop::reserve, item, current, result)
                .thenCompose(r -> step(shop::charge, r, current, result))
                .thenCompose(p -> step(shop::confirm, p, current, result))
                .whenComplete((order, error) -> {
                    deadline.cancel(false);
                    if (error == null) result.complete(order);
                    else result.completeExceptionally(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                });
        return result;
    }

    private static CompletableFuture<String> step(Function<String, Call<String>> start, String input,
                                                  AtomicReference<Call<String>> current, CompletableFuture<String> result) {
        if (result.isDone()) return CompletableFuture.failedFuture(new TimeoutException("over"));
        Call<String> call = start.apply(input);
        current.set(call);
        if (result.isDone()) call.abort();
        return call.result();
    }

}
