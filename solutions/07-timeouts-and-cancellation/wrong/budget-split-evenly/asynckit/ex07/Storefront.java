// Known-wrong: "three steps, so each gets a third of the budget". A slow first step times out although the
// whole checkout had time to spare.
// expect-mistake: gave-up-too-early
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
        Duration share = budget.dividedBy(3);
        return within(shop.reserve(item), share)
                .thenCompose(reservation -> within(shop.charge(reservation), share))
                .thenCompose(payment -> within(shop.confirm(payment), share));
    }

    private CompletableFuture<String> within(Call<String> call, Duration limit) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        ScheduledFuture<?> timer = scheduler.schedule(() -> {
            if (answer.completeExceptionally(new TimeoutException("step took longer than " + limit.toMillis() + " ms"))) {
                call.abort();
            }
        }, limit.toNanos(), TimeUnit.NANOSECONDS);
        call.result().whenComplete((value, error) -> {
            timer.cancel(false);
            if (error == null) {
                answer.complete(value);
            } else {
                answer.completeExceptionally(error);
            }
        });
        return answer;
    }
}
