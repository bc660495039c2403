package asynckit.engine;

import java.nio.file.Path;

/**
 * One compile error.
 *
 * @param file    the source file (null when javac names none)
 * @param line    1-based, 0 when unknown
 * @param column  1-based, 0 when unknown
 * @param message javac's message
 * @param inTests true when the error is in the tests' compilation (e.g. a method the tests call is missing)
 */
public record CompileProblem(Path file, long line, long column, String message, boolean inTests) {

    /** {@code file:line: message}, with the file relative to {@code base} when it is under it. */
    public String describe(Path base) {
        String where = file == null ? "" : (base != null && file.startsWith(base) ? base.relativize(file) : file)
                .toString().replace('\\', '/');
        return where + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
