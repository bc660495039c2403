package asynckit.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks an exercise's test class and binds it to the exercise's manifest. The extension behind it
 * checks the manifest, binds the {@link Lesson}, starts the blocking-call import in the background, and
 * resolves {@link Lesson} parameters; add {@link NoBlockingCalls} to the class for the blocking-call test.
 *
 * <pre>{@code
 * @Exercise("01-waiting-problem")
 * @DisplayName("01 The waiting problem: PageFetcher.fetchAll")
 * class PageFetcherTest implements NoBlockingCalls { ... }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(ExerciseExtension.class)
public @interface Exercise {
    /** The exercise's folder name, e.g. {@code 01-waiting-problem}. */
    String value();
}
