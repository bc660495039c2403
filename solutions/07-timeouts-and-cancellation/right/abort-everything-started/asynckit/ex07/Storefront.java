// Right, in another style: abort() is harmless on a finished call, so price aborts its call whatever
// happened, once the result is decided, and a checkout aborts every call it has started when its deadline
// passes (a synchronized list per checkout, closed once the deadline has fired).
package asynckit.ex07;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
            String known = lastKnownPrices.get(item);
            boolean decided = known != null
                    ? result.complete(known)
                    : result.completeExceptionally(new TimeoutException("no price of " + item + " in " + timeout));
            if (decided) {
                call.abort();
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        call.result().whenComplete((answer, error) -> {
            timer.cancel(false);
            if (error == null) {
                result.complete(answer);
            } else {
                result.completeExceptionally(error);
            }
        });
        return result;
    }

    public CompletableFuture<String> checkout(String item, Duration budget) {
        Started started = new Started();
        CompletableFuture<String> result = new CompletableFuture<>();
        ScheduledFuture<?> deadline = scheduler.schedule(() -> {
            if (result.completeExceptionally(new TimeoutException("checkout(" + item + ") over " + budget))) {
                started.abortAll();
            }
        }, budget.toNanos(), TimeUnit.NANOSECONDS);
        started.run(shop.reserve(item))
                .thenCompose(reservation -> started.run(shop.charge(reservation)))
                .thenCompose(payment -> started.run(shop.confirm(payment)))
                .whenComplete((order, error) -> {
                    deadline.cancel(false);
                    if (error == null) {
                        result.complete(order);
                    } else {
                        result.completeExceptionally(error instanceof CompletionException c && c.getCause() != null
                                ? c.getCause() : error);
                    }
                });
        return result;
    }

    /** Every call one checkout has started; once aborted, a call that comes later is aborted at once. */
    private static final class Started {
        private final List<Call<String>> calls = new ArrayList<>();
        private boolean over;

        CompletableFuture<String> run(Call<String> call) {
            boolean late;
            synchronized (this) {
                calls.add(call);
                late = over;
            }
            if (late) {
                call.abort();
            }
            return call.result();
        }

        void abortAll() {
            List<Call<String>> all;
            synchronized (this) {
                over = true;
                all = List.copyOf(calls);
            }
            all.forEach(Call::abort);
        }
    }
}
