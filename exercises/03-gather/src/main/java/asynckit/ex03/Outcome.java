package asynckit.ex03;

import java.util.Objects;

/**
 * How one input future ended: with a value or with an error (given; do not change it).
 * {@link Gather#settled} returns one outcome per input, so a failure is reported instead of thrown.
 *
 * <pre>{@code
 * switch (outcome) {
 *     case Outcome.Success<String> s -> System.out.println("got " + s.value());
 *     case Outcome.Failure<String> f -> System.out.println("failed: " + f.error());
 * }
 * }</pre>
 *
 * @param <T> the type of the value
 */
public sealed interface Outcome<T> permits Outcome.Success, Outcome.Failure {

    /** The input completed normally with {@code value} (which may be null). */
    record Success<T>(T value) implements Outcome<T> {
        @Override
        public String toString() {
            return "Success(" + value + ")";
        }
    }

    /**
     * The input failed with {@code error}: the input's own exception, not a
     * {@link java.util.concurrent.CompletionException} wrapped around it.
     */
    record Failure<T>(Throwable error) implements Outcome<T> {
        public Failure {
            Objects.requireNonNull(error, "a Failure needs the error");
        }

        @Override
        public String toString() {
            String message = error.getMessage();
            return "Failure(" + error.getClass().getSimpleName() + (message == null ? "" : ": " + message) + ")";
        }
    }

    static <T> Outcome<T> success(T value) {
        return new Success<>(value);
    }

    static <T> Outcome<T> failure(Throwable error) {
        return new Failure<>(error);
    }

    /** True for a {@link Success}. */
    default boolean succeeded() {
        return this instanceof Success<T>;
    }
}
