// Right, another style: every timer on the given scheduler (price too), cancelled as soon as the answer
// comes; a small Deadline object owns the timer and the step in flight.
package asynckit.ex07;

import java.time.Duration;
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
            String cached = lastKnownPrices.get(item);
            boolean gaveUp = cached != null
                    ? result.complete(cached)
                    : result.completeExceptionally(new TimeoutException("no price for " + item + " within "
                            + timeout.toMillis() + " ms"));
            if (gaveUp) {
                call.abort();
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        call.result().whenComplete((value, error) -> {
            timer.cancel(false);
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(error);
            }
        });
        return result;
    }

    public CompletableFuture<String> checkout(String item, Duration budget) {
        Deadline deadline = new Deadline(budget);
        deadline.run(shop.reserve(item))
                .thenCompose(reservation -> deadline.run(shop.charge(reservation)))
                .thenCompose(payment -> deadline.run(shop.confirm(payment)))
                .handle((order, error) -> error == null ? deadline.finish(order) : deadline.fail(error));
        return deadline.result;
    }

    /** One deadline for a sequence of calls: it aborts whichever call is in flight when it passes. */
    private final class Deadline {
        final CompletableFuture<String> result = new CompletableFuture<>();
        private final ScheduledFuture<?> timer;
        private Call<String> current;

        Deadline(Duration budget) {
            timer = scheduler.schedule(() -> {
                if (result.completeExceptionally(new TimeoutException("over budget: " + budget.toMillis() + " ms"))) {
                    abortCurrent();
                }
            }, budget.toNanos(), TimeUnit.NANOSECONDS);
        }

        CompletableFuture<String> run(Call<String> call) {
            synchronized (this) {
                current = call;
            }
            if (result.isDone()) {
                call.abort();
            }
            return call.result();
        }

        private void abortCurrent() {
            Call<String> running;
            synchronized (this) {
                running = current;
            }
            if (running != null) {
                running.abort();
            }
        }

        boolean finish(String order) {
            timer.cancel(false);
            return result.complete(order);
        }

        boolean fail(Throwable error) {
            timer.cancel(false);
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            return result.completeExceptionally(cause);
        }
    }
}
