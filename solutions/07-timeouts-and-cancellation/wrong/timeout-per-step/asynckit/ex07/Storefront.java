// Known-wrong: every step gets the whole budget on a timer of its own (cancelled when the step answers), so
// three slow steps may take three budgets.
// expect-mistake: timeout-per-step
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
        return within(shop.reserve(item), budget)
                .thenCompose(reservation -> within(shop.charge(reservation), budget))
                .thenCompose(payment -> within(shop.confirm(payment), budget));
    }

    /** The call's answer, or a TimeoutException (and the call aborted) after {@code limit}. */
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
