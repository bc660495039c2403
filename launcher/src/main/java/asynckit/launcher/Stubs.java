package asynckit.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the stub (the kit's original) of a file the learner writes, in git. The rule: the newest
 * committed version of the file that is still a stub, that is, still says {@code Not written yet} (every
 * stub's unwritten methods throw with that sentence); HEAD's version when no version says so. A learner
 * who commits their work therefore still gets the kit's stub back, not their own last commit.
 */
public final class Stubs {
    static final String MARKER = "Not written yet";
    private static final int MAX_VERSIONS = 200;

    private Stubs() {}

    /** The stub's text, or empty when the folder is not a git repository or git never had the file. */
    public static Optional<String> of(Path root, String relPath) {
        List<String> commits = git(root, "log", "--format=%H", "-n", String.valueOf(MAX_VERSIONS), "HEAD", "--", relPath)
                .map(s -> s.lines().filter(l -> !l.isBlank()).toList()).orElse(List.of());
        String head = null;
        for (String c : commits) {
            Optional<String> text = git(root, "show", c + ":" + relPath);
            if (text.isEmpty()) {
                continue; // the commit deleted the file
            }
            if (head == null) {
                head = text.get();
            }
            if (text.get().contains(MARKER)) {
                return text;
            }
        }
        if (head == null) {
            return git(root, "show", "HEAD:" + relPath);
        }
        return Optional.of(head);
    }

    private static Optional<String> git(Path root, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.add("-c");
        cmd.add("core.quotepath=off");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
            }
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** True when the file on disk is the stub (or still has the stub's marker and git has nothing). */
    public static boolean isStub(Path root, String relPath) throws IOException {
        Path file = root.resolve(relPath);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        String now = Files.readString(file);
        Optional<String> stub = of(root, relPath);
        return stub.map(s -> normalise(s).equals(normalise(now))).orElse(now.contains(MARKER));
    }

    private static String normalise(String s) {
        return s.replace("\r\n", "\n").strip();
    }
}
