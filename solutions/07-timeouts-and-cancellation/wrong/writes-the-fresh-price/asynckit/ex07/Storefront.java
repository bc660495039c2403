// Known-wrong: "keep the cache warm": every price that comes in time is written into lastKnownPrices, a map
// price was told to read and not change (it belongs to its caller, who may share it between threads).
// expect-mistake: changed-the-prices
package asynckit.ex07;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Exercise 07: timeouts and cancellation (reference solution).
 *
 * <p>price: the JDK's own timeout ({@code orTimeout}) on one call, then a fallback. checkout: one timer on
 * the given scheduler for the whole sequence, which aborts whichever step is in flight when it fires.
 */
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
                .thenApply(fresh -> {
                    lastKnownPrices.put(item, fresh);
                    return fresh;
                })
                .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .exceptionallyCompose(error -> {
                    if (!(error instanceof TimeoutException)) {
                        return CompletableFuture.failedFuture(error);   // a real answer: pass it on
                    }
                    call.abort();                                      // we gave up: stop the request too
                    String cached = lastKnownPrices.get(item);
                    return cached != null
                            ? CompletableFuture.completedFuture(cached)
                            : CompletableFuture.failedFuture(error);
                });
    }

    public CompletableFuture<String> checkout(String item, Duration budget) {
        CompletableFuture<String> result = new CompletableFuture<>();
        AtomicReference<Call<String>> current = new AtomicReference<>();
        ScheduledFuture<?> deadline = scheduler.schedule(() -> {
            TimeoutException late = new TimeoutException(
                    "checkout(" + item + ") did not finish within " + budget.toMillis() + " ms");
            if (result.completeExceptionally(late)) {
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

    /** Starts one step, unless the deadline has passed, and makes it the step the deadline would abort. */
    private static CompletableFuture<String> step(Function<String, Call<String>> start, String input,
                                                  AtomicReference<Call<String>> current,
                                                  CompletableFuture<String> result) {
        if (result.isDone()) {
            return CompletableFuture.failedFuture(new TimeoutException("the deadline has passed"));
        }
        Call<String> call = start.apply(input);
        current.set(call);
        if (result.isDone()) {
            // The deadline fired while this step was being started, before it could see the step: abort it here.
            call.abort();
        }
        return call.result();
    }
}
