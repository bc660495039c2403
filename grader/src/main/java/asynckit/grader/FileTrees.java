package asynckit.grader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;

/**
 * File-tree helpers that never follow a link: every path taken from a learner is checked at every level
 * (a link at {@code src/main} is as refused as one at {@code PageFetcher.java}), and deleting a tree never
 * leaves it.
 */
public final class FileTrees {
    /** Folders that hold build output or local state, never kit sources. */
    static final Set<String> BUILD_OUTPUT = Set.of("target", ".kit", "grade-report", "node_modules", ".idea",
            ".vscode", ".git");
    static final long MAX_FILE_BYTES = 2L * 1024 * 1024;

    private FileTrees() {}

    /** True when a relative path lies in build output or local state (any of its folders is one). */
    static boolean isBuildOutput(Path relative) {
        for (Path part : relative) {
            if (BUILD_OUTPUT.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first symbolic link on the way from {@code base} to {@code base/relative} (the last element
     * included), or null when there is none. {@code base} itself is trusted (the folder named on the
     * command line).
     */
    static Path firstLink(Path base, String relative) {
        Path p = base;
        for (String part : relative.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            p = p.resolve(part);
            if (Files.isSymbolicLink(p)) {
                return p;
            }
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
        }
        return null;
    }

    /** What became of one file taken from a learner. */
    enum Taken { COPIED, MISSING, LINK, NOT_A_FILE, TOO_LARGE }

    /**
     * Copies {@code base/relative} to {@code target} when no element of the path is a link, it is a regular
     * file and it is at most {@code maxBytes} long (checked while copying, so a file that grows cannot
     * slip through).
     */
    static Taken takeFile(Path base, String relative, Path target, long maxBytes) throws IOException {
        if (firstLink(base, relative) != null) {
            return Taken.LINK;
        }
        Path source = base.resolve(relative);
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            return Taken.MISSING;
        }
        if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            return Taken.NOT_A_FILE;
        }
        if (Files.size(source) > maxBytes) {
            return Taken.TOO_LARGE;
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS);
             OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxBytes) {
                    out.close();
                    Files.delete(target);
                    return Taken.TOO_LARGE;
                }
                out.write(buffer, 0, n);
            }
        }
        return Taken.COPIED;
    }

    /**
     * Every regular file under {@code dir} relative to it ('/'-separated), and every link met on the way
     * (in {@code links}, relative too); links are never followed.
     */
    static List<String> listFiles(Path dir, List<String> links) throws IOException {
        List<String> files = new java.util.ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return files;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                if (!d.equals(dir) && files.size() + links.size() > 10_000) {
                    return FileVisitResult.TERMINATE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                if (attrs.isSymbolicLink()) {
                    links.add(rel);
                } else if (attrs.isRegularFile()) {
                    files.add(rel);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    /**
     * Copies a kit tree (not a learner's): build output and local state are left out, and a link anywhere
     * fails the copy (a kit is a plain tree of files).
     */
    static void copyKit(Path from, Path to, Set<String> skippedPaths) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Path rel = from.relativize(d);
                if (!d.equals(from) && (isBuildOutput(rel) || skippedPaths.contains(slash(rel)))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(rel.toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (attrs.isSymbolicLink()) {
                    throw new IOException("the kit holds a link, which grading does not follow: " + f);
                }
                if (attrs.isRegularFile()) {
                    Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Copies every regular file and folder of {@code from} to {@code to} as they are (build output too); links
     * are left out, never followed. Files already at the target are replaced.
     */
    static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.REPLACE_EXISTING);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static String slash(Path p) {
        return p.toString().replace('\\', '/');
    }

    /** Deletes a folder tree without following links out of it; a missing tree is fine. */
    static void deleteTree(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            Files.delete(dir);
            return;
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                d.toFile().setWritable(true, true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Makes every file and folder under {@code dir} read-only for everyone (a hint, not a guarantee, for root). */
    static void makeReadOnly(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                file.toFile().setWritable(false, false);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) {
                d.toFile().setWritable(false, false);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
