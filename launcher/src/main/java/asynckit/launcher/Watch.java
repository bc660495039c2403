package asynckit.launcher;

import asynckit.course.Manifest;
import asynckit.engine.Engine;
import asynckit.engine.RunResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * {@code ./kit watch [NN]}: runs the exercise's tests, then again each time one of its files is saved,
 * in this one warm JVM. Keys: h the next hint, l the list, n the next exercise, r (or Enter) run again,
 * q quit.
 *
 * <p>Saves are seen two ways at once: file events (a {@link WatchService}) wake the loop at once, and a
 * poll compares a fingerprint of the exercise's files (paths, sizes, contents) every
 * {@link #POLL} ms, which is what catches saves where file events never come (WSL on /mnt, network
 * drives, some editors' atomic renames). {@code --poll} turns file events off.
 */
public final class Watch {
    static final long POLL = 300;
    private static final long SETTLE = 60;
    private static final int FILE_EVENT = -10;
    private static final int END = -1;

    /** Where keys come from: blocks for the next key; {@link #END} (-1) when there are no more. */
    public interface KeySource {
        int read() throws IOException;
    }

    private final Kit kit;
    private final Engine engine;
    private final PrintWriter out;
    private final Style style;
    private final boolean screen;
    private final boolean events;
    private final Commands commands;
    private final BlockingQueue<Integer> inbox = new LinkedBlockingQueue<>();
    private Manifest current;
    private WatchService watcher;
    private int runs;

    /**
     * @param screen clear the screen before each result (a terminal); otherwise results follow each other
     * @param events use file events as well as polling
     */
    public Watch(Kit kit, Engine engine, Manifest start, PrintWriter out, Style style, boolean screen, boolean events) {
        this.kit = kit;
        this.engine = engine;
        this.current = start;
        this.out = out;
        this.style = style;
        this.screen = screen;
        this.events = events;
        this.commands = new Commands(kit, out, style, true);
    }

    /** Runs until q (or the end of the keys); returns the exit code. */
    public int run(KeySource keys) throws IOException {
        Thread reader = new Thread(() -> {
            try {
                while (true) {
                    int k = keys.read();
                    inbox.add(k);
                    if (k == END) {
                        return;
                    }
                }
            } catch (IOException e) {
                inbox.add(END);
            }
        }, "kit-keys");
        reader.setDaemon(true);
        reader.start();
        try {
            watch(current);
            long seen = fingerprint(current);
            runAndShow("start");
            while (true) {
                Integer k;
                try {
                    k = inbox.poll(POLL, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 0;
                }
                if (k != null && k != FILE_EVENT) {
                    switch (k.intValue()) {
                        case END, 'q', 'Q', 3, 4 -> {
                            out.println(style.dim("Stopped watching."));
                            out.flush();
                            return 0;
                        }
                        case 'h', 'H' -> {
                            out.println();
                            commands.hint(current, null, false);
                            footer();
                        }
                        case 'l', 'L' -> {
                            clear();
                            commands.list();
                            out.println();
                            footer();
                        }
                        case 'n', 'N' -> {
                            Optional<Manifest> next = commands.nextAfter(current, State.load(kit.root()));
                            if (next.isPresent() && !next.get().equals(current)) {
                                current = next.get();
                                watch(current);
                                seen = fingerprint(current);
                                runAndShow("next exercise");
                            } else {
                                out.println("Every other exercise is done.");
                                footer();
                            }
                        }
                        case 'r', 'R', '\r', '\n' -> {
                            seen = fingerprint(current);
                            runAndShow("run again");
                        }
                        default -> {
                        }
                    }
                    continue;
                }
                long now = fingerprint(current);
                if (now != seen) {
                    // An editor may write a file in several steps: wait until it has settled.
                    long settled;
                    do {
                        sleep(SETTLE);
                        settled = now;
                        now = fingerprint(current);
                    } while (now != settled);
                    seen = now;
                    inbox.removeIf(x -> x == FILE_EVENT);
                    runAndShow("saved");
                }
            }
        } finally {
            if (watcher != null) {
                try {
                    watcher.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }
    }

    private void runAndShow(String why) throws IOException {
        runs++;
        clear();
        if (!screen) {
            out.println(style.dim("---- run " + runs + " (" + why + ")"));
        }
        out.println(style.bold(current.fullTitle()) + style.dim("  watching " + current.module() + "/src"));
        out.println();
        out.flush();
        long t0 = System.nanoTime();
        RunResult r = commands.runAndReport(engine, current);
        out.println(style.dim(String.format(java.util.Locale.ROOT, "compiled in %.2f s · tests ran in %.2f s · %d ms in all",
                r.compileTime().toNanos() / 1e9, r.testTime().toNanos() / 1e9, (System.nanoTime() - t0) / 1_000_000)));
        footer();
    }

    private void footer() {
        out.println();
        out.println(style.dim("Save a file to run again · h hint · l list · n next exercise · r run · q quit"));
        out.flush();
    }

    private void clear() {
        if (screen) {
            out.print("\033[H\033[2J\033[3J");
        }
    }

    /** Registers every folder of the exercise with the file-event service (if events are on). */
    private void watch(Manifest m) {
        if (!events) {
            return;
        }
        try {
            if (watcher != null) {
                watcher.close();
            }
            watcher = FileSystems.getDefault().newWatchService();
            Path src = kit.dir(m).resolve("src");
            try (Stream<Path> dirs = Files.walk(src)) {
                for (Path d : dirs.filter(Files::isDirectory).toList()) {
                    d.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE);
                }
            }
            WatchService w = watcher;
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        WatchKey key = w.take();
                        key.pollEvents();
                        key.reset();
                        inbox.add(FILE_EVENT);
                    }
                } catch (InterruptedException | ClosedWatchServiceException e) {
                    // the exercise changed or watching ended
                }
            }, "kit-file-events");
            t.setDaemon(true);
            t.start();
        } catch (IOException | UnsupportedOperationException e) {
            watcher = null; // polling alone still sees every save
        }
    }

    /** A fingerprint of every file under the exercise's src folder: paths, sizes and contents. */
    long fingerprint(Manifest m) throws IOException {
        CRC32 crc = new CRC32();
        Path src = kit.dir(m).resolve("src");
        if (!Files.isDirectory(src)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(src)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            crc.update(src.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try {
                crc.update(Files.readAllBytes(f));
            } catch (IOException e) {
                crc.update(0); // vanished between the listing and the read (an editor's rename)
            }
        }
        return crc.getValue() ^ ((long) files.size() << 32);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(Duration.ofMillis(ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
