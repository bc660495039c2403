package asynckit.ex04;

/**
 * Hears about every message that could not be saved (given; do not change it). The application behind
 * it logs the loss, retries later or alerts someone; your handler only has to tell it.
 */
@FunctionalInterface
public interface SaveFailureListener {
    /**
     * Called once for each failed save.
     *
     * @param message the message that was not stored
     * @param failure why the store failed
     */
    void saveFailed(Message message, Throwable failure);
}
