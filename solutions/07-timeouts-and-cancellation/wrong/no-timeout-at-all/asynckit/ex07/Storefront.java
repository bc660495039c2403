// Known-wrong: the happy path only. The shop's future is passed on as it is and the steps are chained with
// no deadline: when the shop never answers, the caller waits forever (asyncio without wait_for).
// expect-mistake: no-timeout
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
        return shop.price(item).result();
    }

    public CompletableFuture<String> checkout(String item, Duration budget) {
        return shop.reserve(item).result()
                .thenCompose(reservation -> shop.charge(reservation).result())
                .thenCompose(payment -> shop.confirm(payment).result());
    }
}
