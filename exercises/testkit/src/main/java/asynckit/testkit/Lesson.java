package asynckit.testkit;

/**
 * An exercise's lesson: where a learner reads the hints that failure messages point at.
 *
 * @param slug the exercise folder name, e.g. {@code 01-waiting-problem}
 */
public record Lesson(String slug) {

    /** The lesson file, relative to the repository root. */
    public String readme() {
        return "exercises/" + slug + "/README.md";
    }

    /** Declares a mistake this exercise's tests can name; {@code hint} is the hint number in the lesson. */
    public Mistake mistake(String id, String what, int hint) {
        return new Mistake(id, what, this, hint);
    }
}
