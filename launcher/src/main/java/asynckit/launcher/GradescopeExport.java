package asynckit.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * {@code ./kit export gradescope FILE.zip}: the autograder zip Gradescope asks for. It holds the kit's last
 * commit (as instructor mode grades against it), without {@code solutions/} (reference solutions, wrong
 * variants and the self-test: grading needs none of them) and without quiz attempts, plus
 * {@code setup.sh} and {@code run_autograder} from {@code grader/gradescope/} at its root, executable.
 * Gradescope unpacks it in {@code /autograder/source} and runs {@code setup.sh} once.
 */
public final class GradescopeExport {
    /** Where the two Gradescope scripts live in the kit; they go to the zip's root. */
    static final Map<String, String> ROOT_SCRIPTS = Map.of("grader/gradescope/setup.sh", "setup.sh",
            "grader/gradescope/run_autograder", "run_autograder");

    /** What the zip holds, for the message and the tests. */
    public record Result(Path zip, String commit, List<String> entries, long bytes, boolean uncommittedChanges) {}

    private GradescopeExport() {}

    /** Whether a path of the kit goes into the autograder. */
    static boolean included(String path) {
        if (path.equals("solutions") || path.startsWith("solutions/")) {
            return false;
        }
        return !path.startsWith("quizzes/attempts/") || path.equals("quizzes/attempts/README.md");
    }

    public static Result write(Path kit, Path zip) throws IOException {
        kit = kit.toAbsolutePath().normalize();
        if (!Files.isDirectory(kit.resolve(".git")) && !Files.isRegularFile(kit.resolve(".git"))) {
            throw new IOException(kit + " is not a git repository: the autograder is made from the kit's last commit"
                    + " (git init, git add -A, git commit, then export again)");
        }
        String commit = git(kit, "rev-parse", "--short=10", "HEAD").strip();
        boolean dirty = !git(kit, "status", "--porcelain", "--untracked-files=no").isBlank();
        Map<String, byte[]> scripts = new LinkedHashMap<>();
        List<String> entries = new ArrayList<>();
        Path target = zip.toAbsolutePath().normalize();
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Process archive = new ProcessBuilder("git", "archive", "--format=tar", "HEAD").directory(kit.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        archive.getOutputStream().close();
        boolean written = false;
        try (InputStream raw = archive.getInputStream();
             TarArchiveInputStream tar = new TarArchiveInputStream(raw);
             ZipArchiveOutputStream out = new ZipArchiveOutputStream(partial)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = e.getName();
                if (e.isDirectory() || !included(name)) {
                    continue;
                }
                if (e.isSymbolicLink()) {
                    throw new IOException("the kit's commit holds a link (" + name + "); the grader refuses kits with"
                            + " links, so the autograder would not run");
                }
                byte[] bytes = tar.readAllBytes();
                if (ROOT_SCRIPTS.containsKey(name)) {
                    scripts.put(ROOT_SCRIPTS.get(name), bytes);
                }
                add(out, name, bytes, (e.getMode() & 0111) != 0);
                entries.add(name);
            }
            for (Map.Entry<String, String> s : ROOT_SCRIPTS.entrySet()) {
                byte[] bytes = scripts.get(s.getValue());
                if (bytes == null) {
                    throw new IOException("the kit's commit has no " + s.getKey() + ": the autograder needs it at"
                            + " the zip's root as " + s.getValue());
                }
                add(out, s.getValue(), bytes, true);
                entries.add(s.getValue());
            }
            raw.transferTo(java.io.OutputStream.nullOutputStream()); // the tar's padding: let git finish writing
            int exit = finished(archive);
            if (exit != 0) {
                throw new IOException("git archive HEAD failed in " + kit + (exit < 0 ? " (it did not end)"
                        : " (exit " + exit + ")"));
            }
            written = true;
        } finally {
            if (!written) {
                archive.destroyForcibly();
                Files.deleteIfExists(partial);
            }
        }
        Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return new Result(target, commit, List.copyOf(entries), Files.size(target), dirty);
    }

    /** Waits (at most 30 s) for a process to end; its exit code, or -1 when it did not end. */
    private static int finished(Process p) throws IOException {
        try {
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for git", e);
        }
    }

    private static void add(ZipArchiveOutputStream out, String name, byte[] bytes, boolean executable)
            throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setUnixMode(executable ? 0100755 : 0100644);
        entry.setSize(bytes.length);
        out.putArchiveEntry(entry);
        out.write(bytes);
        out.closeArchiveEntry();
    }

    private static String git(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(text);
        }
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("git " + String.join(" ", args) + " failed in " + dir + ": "
                        + text.toString(StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running git", e);
        }
        return text.toString(StandardCharsets.UTF_8);
    }

    /** What {@code ./kit export gradescope FILE.zip} prints. */
    static String describe(Result r) {
        StringBuilder s = new StringBuilder();
        s.append("Wrote ").append(r.zip()).append(" (").append(r.entries().size()).append(" files, ")
                .append((r.bytes() + 1023) / 1024).append(" KB) from the kit's commit ").append(r.commit())
                .append(": the kit without solutions/, and setup.sh and run_autograder at its root.\n");
        if (r.uncommittedChanges()) {
            s.append("Note: the kit has uncommitted changes; they are not in the zip (commit them and export again).\n");
        }
        s.append("On Gradescope: Configure Autograder > Zip file upload, then Update Autograder (setup.sh builds the"
                + " grader and grades the stubs once; it fails loudly if grading cannot run). Students submit their"
                + " repository (GitHub, or a zip of it).");
        return s.toString();
    }
}
