// Known-wrong: stale-while-revalidate. With a known price, answer it at once and let the shop's call refresh
// nothing in the background: the old price wins although the shop would have answered in time, and the
// background call is never stopped.
// expect-mistake: fallback-in-time
// expect-mistake: left-running
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
        String cached = lastKnownPrices.get(item);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        return call.result()
                .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .exceptionallyCompose(error -> {
                    if (error instanceof TimeoutException) {
                        call.abort();
                    }
                    return CompletableFuture.failedFuture(error);
                });
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
                    deadline.cancel(false);
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
