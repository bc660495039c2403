// Known-wrong: timers on the scheduler that are never cancelled. Every answer is right, but every finished
// call leaves its timer scheduled until the timeout passes.
// expect-mistake: timer-left-behind
package asynckit.ex07;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
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
        CompletableFuture<String> result = new CompletableFuture<>();
        call.result().whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(error);
            }
        });
        scheduler.schedule(() -> {
            String cached = lastKnownPrices.get(item);
            boolean gaveUp = cached != null
                    ? result.complete(cached)
                    : result.completeExceptionally(new TimeoutException("no price within " + timeout.toMillis() + " ms"));
            if (gaveUp) {
                call.abort();
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        return result;
    }

    public CompletableFuture<String> checkout(String item, Duration budget) {
        CompletableFuture<String> result = new CompletableFuture<>();
        AtomicReference<Call<String>> current = new AtomicReference<>();
        ScheduledFuture<?> deadline = scheduler.schedule(() -> {
            if (result.completeExceptionally(new TimeoutException("checkout took longer than " + budget.toMillis() + " ms"))) {
                Call<String> running = current.get();
                if (running != null) {
                    running.abort();
                }
            }
        }, budget.toNanos(), TimeUnit.NANOSECONDS);
        step(shop::reserve, item, current, result)
                .thenCompose(reservation -> step(shop::charge, reservation, current, result))
                .thenCompose(payment -> step(shop::confirm, payment, current, result))
                .whenComplete((order, error) -> {
                    if (error == null) {
                        result.complete(order);
                    } else {
                        result.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error);
                    }
                });
        return result;
    }

    private static CompletableFuture<String> step(Function<String, Call<String>> start, String input,
                                                  AtomicReference<Call<String>> current,
                                                  CompletableFuture<String> result) {
        if (result.isDone()) {
            return CompletableFuture.failedFuture(new TimeoutException("the deadline has passed"));
        }
        Call<String> call = start.apply(input);
        current.set(call);
        if (result.isDone()) {
            call.abort();
        }
        return call.result();
    }
}
