package asynckit.ex07;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Exercise 07: timeouts and cancellation. Read exercises/07-timeouts-and-cancellation/README.md first.
 */
public final class Storefront {
    private final Shop shop;
    private final Map<String, String> lastKnownPrices;
    private final ScheduledExecutorService scheduler;

    /**
     * @param shop            the shop's remote API
     * @param lastKnownPrices the last price seen for each item (read it; don't change it)
     * @param scheduler       the clock and timers to use for checkout's deadline (tests hand in a virtual one)
     */
    public Storefront(Shop shop, Map<String, String> lastKnownPrices, ScheduledExecutorService scheduler) {
        this.shop = shop;
        this.lastKnownPrices = lastKnownPrices;
        this.scheduler = scheduler;
    }

    /**
     * The price of {@code item}: the shop's answer if it comes within {@code timeout}; otherwise the
     * call is aborted and the last known price is used (or, with none, the result fails with a
     * {@link java.util.concurrent.TimeoutException}).
     */
    public CompletableFuture<String> price(String item, Duration timeout) {
        throw new UnsupportedOperationException(
                "Not written yet: Storefront.price. See exercises/07-timeouts-and-cancellation/README.md, 'Your task'.");
    }

    /**
     * Buys one {@code item}: reserve, then charge the reservation, then confirm the payment; the result is
     * the order number. The whole sequence has one deadline, {@code budget} after the call, on
     * {@code scheduler}'s clock; when it passes, the step in flight is aborted and the result fails with a
     * {@link java.util.concurrent.TimeoutException}.
     */
    public CompletableFuture<String> checkout(String item, Duration budget) {
        throw new UnsupportedOperationException(
                "Not written yet: Storefront.checkout. See exercises/07-timeouts-and-cancellation/README.md, 'Your task'.");
    }
}
