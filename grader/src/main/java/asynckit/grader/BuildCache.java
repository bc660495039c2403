package asynckit.grader;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A folder of trusted builds made earlier, so that grading runs of the same kit (the grader's own tests, a
 * teacher grading learners one by one) build its tests once. An entry is keyed by the content of the pristine
 * snapshot (every file's path and SHA-256: the commit and anything else that went into it), the exercises
 * built, and the Java version; it holds the snapshot with its build output, the libraries, the class path
 * index and a list of every file's checksum.
 *
 * <p>Safe under concurrent use: an entry is assembled in a private folder and renamed into place only when
 * complete (its checksum list is written last), so a reader sees a whole entry or none; a run that loses the
 * race drops its own copy. An entry is used only if every file matches its checksum list, and it is copied
 * into the run's own folder first (the cache is never shown to learner code). Anything else is a miss, and
 * the run builds as if there were no cache. At most {@value #KEEP} entries are kept, the newest.
 */
final class BuildCache {
    static final int KEEP = 4;
    private static final String SUMS = "files.sha256";
    private static final String INDEX = "classpath.json";

    private BuildCache() {}

    /** The key of a snapshot: its files' paths and contents, the modules built, the Java version. */
    static String key(Path pristine, List<String> modules) throws IOException {
        MessageDigest digest = sha256();
        digest.update(("asynckit-trusted-build 1\n" + Runtime.version().feature() + "\n" + String.join(",", modules)
                + "\n").getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, String> e : snapshotSums(pristine).entrySet()) {
            digest.update((e.getKey() + " " + e.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
    }

    private static final java.util.concurrent.ConcurrentMap<String, java.util.concurrent.locks.ReentrantLock> LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Held while one run looks an entry up and, on a miss, builds and stores it. */
    interface Lock extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits until no other run (a thread of this JVM, or another process) is building {@code key}, so that
     * runs started together build once and the later ones reuse it. If the cache folder cannot be locked,
     * runs go ahead unlocked (and may build twice: still correct).
     */
    static Lock lock(Path cache, String key) {
        java.util.concurrent.locks.ReentrantLock local = LOCKS.computeIfAbsent(key,
                k -> new java.util.concurrent.locks.ReentrantLock());
        local.lock();
        java.nio.channels.FileChannel channel = null;
        java.nio.channels.FileLock file = null;
        try {
            Files.createDirectories(cache);
            channel = java.nio.channels.FileChannel.open(cache.resolve(".lock-" + key),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
            file = channel.lock();
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            channel = null;
        }
        java.nio.channels.FileChannel heldChannel = channel;
        java.nio.channels.FileLock held = file;
        return () -> {
            try {
                if (held != null) {
                    held.release();
                }
            } catch (IOException e) {
                // closing the channel releases it too
            } finally {
                closeQuietly(heldChannel);
                local.unlock();
            }
        };
    }

    private static void closeQuietly(java.nio.channels.FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }

    /**
     * Lays a complete, intact entry out into the run's folders ({@code pristine} is replaced by the entry's
     * built snapshot, the libraries go to {@code lib}) and returns its class path index; null on a miss.
     */
    static Map<String, List<String>> restore(Path cache, String key, Path pristine, Path lib) {
        Path entry = cache.resolve(key);
        if (!Files.isRegularFile(entry.resolve(SUMS))) {
            return null;
        }
        try {
            Map<String, String> expected = JsonSupport.MAPPER.readValue(entry.resolve(SUMS).toFile(),
                    new TypeReference<TreeMap<String, String>>() { });
            if (!expected.equals(sums(entry.resolve("kit"), entry.resolve("lib"), entry.resolve(INDEX)))) {
                return null;
            }
            Map<String, List<String>> index = JsonSupport.MAPPER.readValue(entry.resolve(INDEX).toFile(),
                    new TypeReference<Map<String, List<String>>>() { });
            FileTrees.deleteTree(pristine);
            FileTrees.copyTree(entry.resolve("kit"), pristine);
            FileTrees.copyTree(entry.resolve("lib"), lib);
            Files.setLastModifiedTime(entry, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
            return index;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Adds a fresh build to the cache; a failure to do so only costs the next run a build. */
    static void store(Path cache, String key, Path pristine, Path lib, Map<String, List<String>> index) {
        Path tmp = cache.resolve(".tmp-" + key + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(cache);
            FileTrees.copyTree(pristine, tmp.resolve("kit"));
            FileTrees.copyTree(lib, tmp.resolve("lib"));
            Files.writeString(tmp.resolve(INDEX), JsonSupport.pretty(index));
            Map<String, String> sums = sums(tmp.resolve("kit"), tmp.resolve("lib"), tmp.resolve(INDEX));
            Files.writeString(tmp.resolve(SUMS), JsonSupport.pretty(sums));
            try {
                Files.move(tmp, cache.resolve(key), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException lost) {
                // another run stored the same entry first, or the cache cannot take it: keep what is there
            }
            prune(cache);
        } catch (IOException | RuntimeException e) {
            // the cache is an optimisation
        } finally {
            try {
                FileTrees.deleteTree(tmp);
            } catch (IOException e) {
                // a leftover .tmp- folder is pruned later
            }
        }
    }

    /** Keeps the {@value #KEEP} most recently used entries; drops leftovers of runs that died an hour ago. */
    private static void prune(Path cache) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (Stream<Path> list = Files.list(cache)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".lock-")) {
                    continue;
                }
                if (name.startsWith(".tmp-")) {
                    if (Files.getLastModifiedTime(p).toMillis() < System.currentTimeMillis() - 3_600_000) {
                        FileTrees.deleteTree(p);
                    }
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    entries.add(p);
                }
            }
        }
        entries.sort(Comparator.comparing((Path p) -> {
            try {
                return Files.getLastModifiedTime(p).toMillis();
            } catch (IOException e) {
                return 0L;
            }
        }).reversed());
        for (Path old : entries.subList(Math.min(KEEP, entries.size()), entries.size())) {
            FileTrees.deleteTree(old);
        }
    }

    /** Every regular file under the roots, by path relative to the first root's parent, to its SHA-256. */
    private static Map<String, String> sums(Path... roots) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Path root : roots) {
            Path base = root.getParent();
            if (Files.isRegularFile(root, LinkOption.NOFOLLOW_LINKS)) {
                out.put(FileTrees.slash(base.relativize(root)), raw(root));
                continue;
            }
            if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("missing: " + root);
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                    out.put(FileTrees.slash(base.relativize(f)), raw(f));
                }
            }
        }
        return out;
    }

    /** Every regular file of a snapshot, by path relative to it, to its SHA-256. */
    private static Map<String, String> snapshotSums(Path pristine) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(pristine)) {
            for (Path f : files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                out.put(FileTrees.slash(pristine.relativize(f)), raw(f));
            }
        }
        return out;
    }

    /** SHA-256 of the file's exact bytes. */
    private static String raw(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
