package asynckit.ex07;

/**
 * The shop's remote API (given; do not change it). Every method sends a request and returns at once
 * with a {@link Call}; the answer arrives later, after some milliseconds or, on a bad day, never.
 */
public interface Shop {

    /** The current price of {@code item}, for example {@code "4.20 EUR"}. */
    Call<String> price(String item);

    /** Holds one {@code item} in stock for this order; answers with a reservation id. */
    Call<String> reserve(String item);

    /** Takes the payment for a reservation; answers with a payment id. */
    Call<String> charge(String reservation);

    /** Confirms a paid order; answers with the order number. */
    Call<String> confirm(String payment);
}
