package asynckit.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * What every exercise test class needs, done once (the extension behind {@link Exercise}): reads the
 * manifest (a broken manifest fails the class with the file and what is wrong), binds the lesson,
 * and starts importing the learner's classes for the blocking-call check while the other tests wait
 * on simulated latency.
 */
public final class ExerciseExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        Lesson lesson = Lesson.of(context.getRequiredTestClass());
        if (lesson.manifest().blockingCalls() != null) {
            lesson.learnerClasses().forEach(BlockingCalls::warmUp);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Lesson.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return Lesson.of(context.getRequiredTestClass());
    }
}
