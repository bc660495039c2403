// Known-wrong: price's timer is the JDK's own (completeOnTimeout on an empty future), and it is never cancelled
// when the answer comes. Every answer is right, but every finished call leaves a JDK timer pending for the whole
// timeout, holding the call, the result and the fallback code until it fires and finds nothing to do.
// expect-mistake: timer-left-behind
package asynckit.ex07;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
        // A timer of the JDK's own: completeOnTimeout on an empty future. Cancelling it cancels the JDK's task.
        CompletableFuture<Void> timeUp = new CompletableFuture<Void>()
                .completeOnTimeout(null, timeout.toNanos(), TimeUnit.NANOSECONDS);
        timeUp.thenRun(() -> {
            String cached = lastKnownPrices.get(item);
            boolean gaveUp = cached != null
                    ? result.complete(cached)
                    : result.completeExceptionally(new TimeoutException("no price for " + item));
            if (gaveUp) {
                call.abort();
            }
        });
        call.result().whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(error);
            }
        });
        return result;
    }

    public CompletableFuture<String> checkout(String item, Duration budget) {
        CompletableFuture<String> expired = new CompletableFuture<>();
        AtomicReference<Call<String>> inFlight = new AtomicReference<>();
        ScheduledFuture<?> timer = scheduler.schedule(
                () -> expired.completeExceptionally(new TimeoutException("checkout over " + budget.toMillis() + " ms")),
                budget.toNanos(), TimeUnit.NANOSECONDS);
        expired.whenComplete((never, timeout) -> {
            Call<String> running = inFlight.get();
            if (running != null) {
                running.abort();
            }
        });
        CompletableFuture<String> steps = start(shop.reserve(item), inFlight, expired)
                .thenCompose(reservation -> start(shop.charge(reservation), inFlight, expired))
                .thenCompose(payment -> start(shop.confirm(payment), inFlight, expired));
        steps.whenComplete((order, error) -> timer.cancel(false));
        return steps.applyToEither(expired, Function.identity());
    }

    private static CompletableFuture<String> start(Call<String> call, AtomicReference<Call<String>> inFlight,
                                                   CompletableFuture<String> expired) {
        inFlight.set(call);
        if (expired.isDone()) {
            call.abort();
        }
        return call.result();
    }
}
