package asynckit.ex01;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Hostile: unsolved, and looks for the kit it is graded against (from the folders on its class path up) to
 * copy the graded quizzes' answers and the reference solution into its failure message, which every report
 * shows (on Gradescope, to the student). It only reads.
 */
public final class PageFetcher {
    private final PageClient client;

    public PageFetcher(PageClient client) {
        this.client = client;
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        List<String> found = new ArrayList<>();
        // The kit's folders on the test class path (the testkit's classes, say) lead to the kit itself.
        List<Path> roots = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            for (Path p = Path.of(entry).toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("exercises")) && !roots.contains(p)) {
                    roots.add(p);
                }
            }
        }
        for (Path root : roots) {
            read(root.resolve("quizzes/banks"), found);
            read(root.resolve("solutions/01-waiting-problem/src/main/java/asynckit/ex01"), found);
        }
        throw new IllegalStateException("kit-reader found " + (found.isEmpty() ? "nothing" : String.join(" | ", found)));
    }

    private static void read(Path dir, List<String> found) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).limit(3).toList()) {
                String text = Files.readString(f).replaceAll("\\s+", " ");
                found.add(f + ": " + text.substring(0, Math.min(400, text.length())));
            }
        } catch (Exception e) {
            // not readable: the sandbox held
        }
    }
}
