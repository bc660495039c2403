package asynckit.testkit;

import asynckit.course.Course;
import asynckit.course.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exercise's lesson, bound to its manifest ({@code exercise.yaml}): where a learner reads the hints
 * that failure messages point at, and the mistakes the tests may name.
 *
 * <pre>{@code
 * @Exercise("01-waiting-problem")
 * class PageFetcherTest implements NoBlockingCalls {
 *     static final Lesson LESSON = Lesson.of(PageFetcherTest.class);
 *     static final Mistake ONE_AT_A_TIME = LESSON.mistake("one-at-a-time");
 * }
 * }</pre>
 */
public final class Lesson {
    private static final Map<Class<?>, Lesson> BY_TEST_CLASS = new ConcurrentHashMap<>();

    private final String slug;
    private final Manifest manifest;
    private final ClassLoader loader;

    private Lesson(String slug, Manifest manifest, ClassLoader loader) {
        this.slug = slug;
        this.manifest = manifest;
        this.loader = loader;
    }

    /** A lesson with no manifest, for the testkit's own tests and fixtures. */
    public Lesson(String slug) {
        this(slug, null, Lesson.class.getClassLoader());
    }

    /**
     * The lesson of the exercise named by {@code testClass}'s {@link Exercise} annotation, read from the
     * manifest on the test class path ({@code asynckit-exercise/exercise.yaml}, put there by the build).
     */
    public static Lesson of(Class<?> testClass) {
        return BY_TEST_CLASS.computeIfAbsent(testClass, Lesson::load);
    }

    private static Lesson load(Class<?> testClass) {
        Exercise exercise = findExercise(testClass).orElseThrow(() -> new IllegalStateException(
                testClass.getName() + " has no @Exercise(\"NN-slug\") annotation; the testkit cannot tell which"
                        + " exercise it tests"));
        String slug = exercise.value();
        ClassLoader loader = testClass.getClassLoader();
        String resource = Manifest.RESOURCE_DIR + "/" + Manifest.FILE;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no " + resource + " on the test class path of " + testClass.getName()
                        + ": the build copies exercises/" + slug + "/" + Manifest.FILE + " there (see exercises/pom.xml)."
                        + " Run the tests with ./mvnw or ./kit test.");
            }
            return new Lesson(slug, Course.read(in, slug, "exercises/" + slug + "/" + Manifest.FILE), loader);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    static Optional<Exercise> findExercise(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            Exercise e = c.getAnnotation(Exercise.class);
            if (e != null) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The exercise folder name, e.g. {@code 01-waiting-problem}. */
    public String slug() {
        return slug;
    }

    /** The lesson file, relative to the repository root. */
    public String readme() {
        return "exercises/" + slug + "/README.md";
    }

    /** Whether the lesson was read from a manifest (the testkit's own tests make lessons without one). */
    public boolean hasManifest() {
        return manifest != null;
    }

    /** The manifest; fails for a lesson made without one. */
    public Manifest manifest() {
        if (manifest == null) {
            throw new IllegalStateException("the lesson " + slug + " has no manifest");
        }
        return manifest;
    }

    /**
     * The mistake {@code id} as the manifest declares it (its sentence and its hint). An id the manifest does
     * not declare fails at once, naming the manifest, so a test can never point at a hint that is not there.
     */
    public Mistake mistake(String id) {
        Manifest.MistakeSpec spec = manifest().mistake(id).orElseThrow(() -> new IllegalArgumentException(
                "exercises/" + slug + "/" + Manifest.FILE + " declares no mistake '" + id + "'; it declares "
                        + manifest.mistakes().stream().map(Manifest.MistakeSpec::id).toList()));
        return new Mistake(id, spec.what(), this, manifest.hintNumber(spec.hint()));
    }

    /** Declares a mistake in code (the testkit's own tests); exercise tests use {@link #mistake(String)}. */
    public Mistake mistake(String id, String what, int hint) {
        return new Mistake(id, what, this, hint);
    }

    /** The hint number of a hint id of this lesson. */
    public int hint(String hintId) {
        return manifest().hintNumber(hintId);
    }

    /** The classes the learner writes, loaded with the test's class loader. */
    public List<Class<?>> learnerClasses() {
        List<Class<?>> classes = new ArrayList<>();
        for (String name : manifest().learnerClasses()) {
            try {
                classes.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("exercises/" + slug + "/" + Manifest.FILE + " says the learner writes "
                        + name + ", but no such class is on the class path", e);
            }
        }
        return classes;
    }

    /** The contributed check: no blocking call in the learner's classes, pointing at the manifest's hint. */
    public BlockingCalls blockingCalls() {
        Manifest.BlockingCheck check = manifest().blockingCalls();
        if (check == null) {
            throw new IllegalStateException("exercises/" + slug + "/" + Manifest.FILE + " has no blocking-calls entry");
        }
        return BlockingCalls.in(learnerClasses().get(0), this, manifest.hintNumber(check.hint())).forbidAll();
    }

    @Override
    public String toString() {
        return "Lesson[" + slug + "]";
    }
}
