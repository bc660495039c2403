// Right, another style: every step is started from thenComposeAsync on the common pool (never blocking it);
// price uses completeOnTimeout with a marker and then decides.
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
    private static final String TIME_UP = new String("time is up");

    public CompletableFuture<String> price(String item, Duration timeout) {
        Call<String> call = shop.price(item);
        return call.result().copy()
                .completeOnTimeout(TIME_UP, timeout.toNanos(), TimeUnit.NANOSECONDS)
                .thenCompose(value -> {
                    if (value != TIME_UP) return CompletableFuture.completedFuture(value);
                    call.abort();
                    String cached = lastKnownPrices.get(item);
                    return cached != null ? CompletableFuture.completedFuture(cached)
                            : CompletableFuture.<String>failedFuture(new TimeoutException("no price of " + item + " in time"));
                });
    }

    public CompletableFuture<String> checkout(String item, Duration budget) {
        CompletableFuture<String> result = new CompletableFuture<>();
        AtomicReference<Call<String>> current = new AtomicReference<>();
        ScheduledFuture<?> deadline = scheduler.schedule(() -> {
            if (result.completeExceptionally(new TimeoutException("over budget"))) {
                Call<String> c = current.get();
                if (c != null) c.abort();
            }
        }, budget.toNanos(), TimeUnit.NANOSECONDS);
        Function<Function<String, Call<String>>, Function<String, CompletableFuture<String>>> step = start -> input -> {
            if (result.isDone()) return CompletableFuture.failedFuture(new TimeoutException("over budget"));
            Call<String> call = start.apply(input);
            current.set(call);
            if (result.isDone()) call.abort();
            return call.result();
        };
        step.apply(shop::reserve).apply(item)
                .thenComposeAsync(step.apply(shop::charge))
                .thenComposeAsync(step.apply(shop::confirm))
                .whenComplete((order, error) -> {
                    deadline.cancel(false);
                    if (error == null) result.complete(order);
                    else result.completeExceptionally(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                });
        return result;
    }
}
