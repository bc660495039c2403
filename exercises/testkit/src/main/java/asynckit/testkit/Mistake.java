package asynckit.testkit;

import java.util.regex.Pattern;

/**
 * A named mistake that a test can recognise. Its {@link #id()} appears in the failure message as
 * {@code [id]}, so learners can search for it and the self-test can prove that each known-wrong
 * solution is rejected for the right reason. Exercise tests get their mistakes from the exercise's
 * manifest: {@code LESSON.mistake("one-at-a-time")}.
 *
 * @param id     short kebab-case name, e.g. {@code one-at-a-time}
 * @param what   one sentence: what the code did wrong
 * @param lesson where the hint lives
 * @param hint   the hint number in the lesson
 */
public record Mistake(String id, String what, Lesson lesson, int hint) {
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public Mistake {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a mistake id is kebab-case, like one-at-a-time: " + id);
        }
    }

    /** The tag that failure messages carry, e.g. {@code [one-at-a-time]}. */
    public String tag() {
        return "[" + id + "]";
    }

    /** Where to read more, e.g. {@code Hint 2 in exercises/01-waiting-problem/README.md}. */
    public String pointer() {
        return "Hint " + hint + " in " + lesson.readme();
    }

    /** Starts a teaching failure message about this mistake. */
    public Teach.Report report() {
        return Teach.about(this);
    }
}
