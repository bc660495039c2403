// Known-wrong: one deadline for the whole chain, but with orTimeout, whose timer is the JDK's own: it counts
// real milliseconds, not the scheduler's clock that the Storefront was given (and the steps run on).
// expect-mistake: timer-not-on-scheduler
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
        AtomicReference<Call<String>> current = new AtomicReference<>();
        return start(shop::reserve, item, current)
                .thenCompose(reservation -> start(shop::charge, reservation, current))
                .thenCompose(payment -> start(shop::confirm, payment, current))
                .orTimeout(budget.toNanos(), TimeUnit.NANOSECONDS)
                .whenComplete((order, error) -> {
                    if (error instanceof TimeoutException) {
                        Call<String> running = current.get();
                        if (running != null) {
                            running.abort();
                        }
                    }
                });
    }

    private static CompletableFuture<String> start(Function<String, Call<String>> step, String input,
                                                   AtomicReference<Call<String>> current) {
        Call<String> call = step.apply(input);
        current.set(call);
        return call.result();
    }
}
