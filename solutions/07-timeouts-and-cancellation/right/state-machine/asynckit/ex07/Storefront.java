// Right, another style: checkout is an explicit state machine (an enum and a lock), driven by whenComplete
// callbacks; price races the answer against a scheduler timer with an AtomicBoolean.
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
    public CompletableFuture<String> price(String item, Duration timeout) {
        Call<String> call = shop.price(item);
        CompletableFuture<String> result = new CompletableFuture<>();
        AtomicBoolean settled = new AtomicBoolean();
        ScheduledFuture<?> timer = scheduler.schedule(() -> {
            if (settled.compareAndSet(false, true)) {
                call.abort();
                String cached = lastKnownPrices.get(item);
                if (cached != null) result.complete(cached);
                else result.completeExceptionally(new TimeoutException(item + ": no answer and no known price"));
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        call.result().whenComplete((value, error) -> {
            if (settled.compareAndSet(false, true)) {
                timer.cancel(false);
                if (error != null) result.completeExceptionally(error); else result.complete(value);
            }
        });
        return result;
    }

    private enum Stage { RESERVING, CHARGING, CONFIRMING, DONE }

    public CompletableFuture<String> checkout(String item, Duration budget) {
        return new Checkout(item, budget).result;
    }

    private final class Checkout {
        final CompletableFuture<String> result = new CompletableFuture<>();
        private Stage stage = Stage.RESERVING;
        private Call<String> inFlight;
        private final ScheduledFuture<?> timer;

        Checkout(String item, Duration budget) {
            timer = scheduler.schedule(this::expire, budget.toNanos(), TimeUnit.NANOSECONDS);
            start(shop.reserve(item));
        }

        private void start(Call<String> call) {
            boolean late;
            synchronized (this) {
                late = stage == Stage.DONE;
                inFlight = call;
            }
            if (late) { call.abort(); return; }
            call.result().whenComplete(this::onAnswer);
        }

        private void onAnswer(String value, Throwable error) {
            Stage now;
            synchronized (this) {
                if (stage == Stage.DONE) return;
                now = stage;
                if (error != null || now == Stage.CONFIRMING) {
                    stage = Stage.DONE;
                } else {
                    stage = now == Stage.RESERVING ? Stage.CHARGING : Stage.CONFIRMING;
                }
            }
            if (error != null) {
                timer.cancel(false);
                result.completeExceptionally(error);
            } else if (now == Stage.CONFIRMING) {
                timer.cancel(false);
                result.complete(value);
            } else {
                start(now == Stage.RESERVING ? shop.charge(value) : shop.confirm(value));
            }
        }

        private void expire() {
            Call<String> running;
            synchronized (this) {
                if (stage == Stage.DONE) return;
                stage = Stage.DONE;
                running = inFlight;
            }
            result.completeExceptionally(new TimeoutException("checkout over budget"));
            if (running != null) running.abort();
        }
    }
}
