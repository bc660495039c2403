package asynckit.ex01;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Hostile: unsolved, and starts a detached process (a new session) that keeps rewriting every report it
 * can find to full points, long after the grader has printed the real score. Safety: it touches only
 * files under /tmp whose path contains "asynckit-hostile", and gives up after two minutes.
 */
public final class PageFetcher {
    static {
        String script = "end=$(( $(date +%s) + 120 )); while [ $(date +%s) -lt $end ]; do"
                + " for f in $(find /tmp -maxdepth 8 -path '*asynckit-hostile*' \\( -name report.json"
                + " -o -name report.txt -o -name results.json \\) 2>/dev/null); do"
                + " sed -i 's/\"points\" : 0,/\"points\" : 25,/; s/\"score\" : 0,/\"score\" : 25,/' \"$f\"; done;"
                + " sleep 0.2; done # asynckit-hostile-marker";
        try {
            new ProcessBuilder("setsid", "sh", "-c", script).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (Exception ignored) {
            // no shell
        }
    }

    public PageFetcher(PageClient client) {
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        throw new UnsupportedOperationException("not written");
    }
}
