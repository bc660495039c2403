package asynckit.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How many points a test is worth in the scored report. The grader reads this annotation from the
 * pristine test classes, so it is the one source of truth for scoring; an exercise's tests add up to
 * its share of the kit's 100 points.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Points {
    int value();
}
