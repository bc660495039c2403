package asynckit.testkit;

/**
 * Thrown into a call to a rendezvous service that waited too long for company: the service answers
 * only when enough calls are in flight together, and the code never got there.
 */
public final class NotConcurrentException extends RuntimeException {
    public NotConcurrentException(String message) {
        super(message, null, false, false);
    }
}
