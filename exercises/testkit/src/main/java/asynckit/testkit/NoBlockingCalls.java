package asynckit.testkit;

import asynckit.course.Manifest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The blocking-call test every exercise gets: implement this on the {@link Exercise} test class and
 * write {@link #worksOnce()}. The test is worth the manifest's {@code blocking-calls.points}; it first
 * runs {@link #worksOnce()}, so that a stub (which blocks nothing because it does nothing) never earns
 * it, then reads the learner's compiled classes and fails, naming file, line and what to do instead,
 * for every join, get, sleep, latch, blocking queue, synchronous I/O or spin it finds.
 */
public interface NoBlockingCalls {

    /** Runs the learner's code once on the happy path and checks the result; throws when it does not work. */
    void worksOnce() throws Exception;

    @Test
    @DisplayName(Manifest.BLOCKING_CHECK_NAME)
    default void noBlockingCalls() throws Exception {
        worksOnce();
        Lesson.of(getClass()).blockingCalls().assertNone();
    }
}
