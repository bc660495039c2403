package asynckit.course;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One exercise's facts, declared once in {@code exercises/NN-slug/exercise.yaml} and read by everything
 * else (the testkit, the self-test, the grader, the launcher, the README table). The exercise's id is
 * its folder name; its place in the course is the folder's number.
 *
 * @param id            the folder name, e.g. {@code 01-waiting-problem} (not in the file: taken from the folder)
 * @param title         e.g. {@code The waiting problem}
 * @param summary       what a learner practises, one line (the README's exercise table)
 * @param points        the exercise's total; its tests' {@code @Points} add up to it
 * @param learnerWrites the files the learner writes, relative to {@code src/main/java}; every other file
 *                      there is given, and grading restores it from the kit
 * @param hints         the lesson's hints by id, in order: hint {@code i} is {@code ### Hint i} in README.md
 * @param mistakes      the mistakes the exercise's tests can name
 * @param blockingCalls the contributed "no blocking calls" check: its points and which hint explains it
 */
public record Manifest(
        String id,
        String title,
        String summary,
        int points,
        @JsonProperty("learner-writes") List<String> learnerWrites,
        List<String> hints,
        List<MistakeSpec> mistakes,
        @JsonProperty("blocking-calls") BlockingCheck blockingCalls) {

    /** The file name, in the exercise's folder. */
    public static final String FILE = "exercise.yaml";
    /** Where the build puts the manifest (and the lesson) on an exercise's test class path. */
    public static final String RESOURCE_DIR = "asynckit-exercise";

    /** The method name of the testkit's contributed check (a default {@code @Test} of {@code NoBlockingCalls}). */
    public static final String BLOCKING_CHECK_METHOD = "noBlockingCalls";
    /** Its display name: the sentence the reports show. */
    public static final String BLOCKING_CHECK_NAME = "makes no blocking call (no join, get, sleep or spin)";

    static final Pattern ID = Pattern.compile("(\\d\\d)-[a-z0-9]+(-[a-z0-9]+)*");
    static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /**
     * A mistake the tests can name.
     *
     * @param id   kebab-case, shown as {@code [id]} in failure messages
     * @param what one sentence: what the code did wrong
     * @param hint the id of the hint that explains it
     */
    public record MistakeSpec(String id, String what, String hint) {}

    /**
     * The testkit's contributed check that the learner's files make no blocking call.
     *
     * @param points what the check is worth (part of the exercise's total)
     * @param hint   the id of the hint that explains blocking calls in this lesson
     */
    public record BlockingCheck(int points, String hint) {}

    /** The exercise's number, from its folder name (01 for 01-waiting-problem). */
    @JsonIgnore
    public int number() {
        return Integer.parseInt(id.substring(0, 2));
    }

    /** Two digits, e.g. {@code 01}. */
    @JsonIgnore
    public String code() {
        return id.substring(0, 2);
    }

    /** e.g. {@code 01 The waiting problem}. */
    @JsonIgnore
    public String fullTitle() {
        return code() + " " + title;
    }

    /** The module folder, relative to the kit's root: {@code exercises/01-waiting-problem}. */
    @JsonIgnore
    public String module() {
        return "exercises/" + id;
    }

    /** The lesson, relative to the kit's root. */
    @JsonIgnore
    public String lesson() {
        return module() + "/README.md";
    }

    /** The hint number (1-based) of a hint id; fails when the id is not one of this exercise's hints. */
    public int hintNumber(String hintId) {
        int i = hints.indexOf(hintId);
        if (i < 0) {
            throw new IllegalArgumentException(id + "/" + FILE + ": no hint '" + hintId + "' (hints: " + hints + ")");
        }
        return i + 1;
    }

    public Optional<MistakeSpec> mistake(String mistakeId) {
        return mistakes.stream().filter(m -> m.id().equals(mistakeId)).findFirst();
    }

    /** The learner's files as class names, e.g. {@code asynckit.ex01.PageFetcher}. */
    @JsonIgnore
    public List<String> learnerClasses() {
        return learnerWrites.stream()
                .filter(f -> f.endsWith(".java"))
                .map(f -> f.substring(0, f.length() - ".java".length()).replace('/', '.'))
                .toList();
    }

    /** Every problem with this manifest, each a sentence; empty when it is sound. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (id == null || !ID.matcher(id).matches()) {
            out.add("the folder name '" + id + "' is not NN-kebab-case (e.g. 05-composition)");
        }
        if (title == null || title.isBlank()) {
            out.add("title: missing");
        }
        if (summary == null || summary.isBlank()) {
            out.add("summary: missing");
        }
        if (points <= 0) {
            out.add("points: must be a positive whole number, not " + points);
        }
        if (learnerWrites == null || learnerWrites.isEmpty()) {
            out.add("learner-writes: list at least one file (relative to src/main/java)");
        } else {
            for (String f : learnerWrites) {
                if (f.startsWith("/") || f.contains("..") || f.contains("\\") || !f.endsWith(".java")) {
                    out.add("learner-writes: '" + f + "' must be a relative .java path under src/main/java");
                }
            }
        }
        if (hints == null || hints.isEmpty()) {
            out.add("hints: list the lesson's hints by id, in order");
        } else {
            for (String h : hints) {
                if (h == null || !KEBAB.matcher(h).matches()) {
                    out.add("hints: '" + h + "' is not a kebab-case id");
                }
            }
            if (hints.stream().distinct().count() != hints.size()) {
                out.add("hints: an id appears twice");
            }
        }
        if (mistakes == null || mistakes.isEmpty()) {
            out.add("mistakes: list the mistakes the tests can name");
        } else {
            for (MistakeSpec m : mistakes) {
                if (m.id() == null || !KEBAB.matcher(m.id()).matches()) {
                    out.add("mistakes: '" + m.id() + "' is not a kebab-case id");
                }
                if (m.what() == null || m.what().isBlank()) {
                    out.add("mistakes: " + m.id() + " has no 'what' sentence");
                }
                if (hints == null || !hints.contains(m.hint())) {
                    out.add("mistakes: " + m.id() + " points at hint '" + m.hint() + "', which is not in hints");
                }
            }
            if (mistakes.stream().map(MistakeSpec::id).distinct().count() != mistakes.size()) {
                out.add("mistakes: an id appears twice");
            }
        }
        if (blockingCalls != null) {
            if (blockingCalls.points() <= 0) {
                out.add("blocking-calls: points must be positive");
            }
            if (hints == null || !hints.contains(blockingCalls.hint())) {
                out.add("blocking-calls: hint '" + blockingCalls.hint() + "' is not in hints");
            }
        }
        return out;
    }
}
