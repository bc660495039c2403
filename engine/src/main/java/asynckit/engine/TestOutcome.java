package asynckit.engine;

/**
 * How one test ended.
 *
 * @param testClass   the test class's binary name ({@code asynckit.ex01.PageFetcherTest})
 * @param method      the test method's name; for a failure of a whole class (its set-up failed), empty
 * @param displayName the sentence the test is named with ({@code @DisplayName}); for a class failure, the
 *                    class's display name followed by {@code " (container)"}
 * @param status      passed, failed or skipped
 * @param message     every exception of the failure's cause chain, one a line, as
 *                    {@code SimpleName: message} (empty when it passed)
 * @param summary     what a learner reads: the failure's own message, with the exception's type in front
 *                    unless it is an assertion error (empty when it passed)
 * @param points      the test's points (the request's points annotation), -1 without one
 */
public record TestOutcome(String testClass, String method, String displayName, Status status, String message,
                          String summary, int points) {

    public enum Status { PASSED, FAILED, SKIPPED }

    public boolean passed() {
        return status == Status.PASSED;
    }

    public boolean failed() {
        return status == Status.FAILED;
    }

    /** True for the failure of a whole test class rather than of one test. */
    public boolean isContainer() {
        return method.isEmpty();
    }
}
