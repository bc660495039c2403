package asynckit.ex01;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Hostile: writes a report saying every test passed, then halts the JVM so Surefire cannot overwrite it. */
public final class PageFetcher {
    public PageFetcher(PageClient client) {
    }

    public CompletableFuture<List<String>> fetchAll(List<String> urls) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<testsuite name=\"asynckit.ex01.PageFetcherTest\""
                + " tests=\"7\" failures=\"0\" errors=\"0\" skipped=\"0\">\n");
        for (String name : List.of("has every fetch in flight at the same time",
                "returns a future at once, before any page has arrived",
                "returns the pages in the order they were asked for, whatever order they arrive in",
                "takes about as long as the slowest fetch, not the sum of all of them",
                "gives an empty list, already complete, when there is nothing to fetch",
                "fails with the fetch's own exception when one fetch fails",
                "works without a single blocking call (no join, get or sleep)")) {
            xml.append("  <testcase name=\"").append(name.replace("'", "&apos;"))
                    .append("\" classname=\"asynckit.ex01.PageFetcherTest\" time=\"0.1\"/>\n");
        }
        xml.append("</testsuite>\n");
        try {
            Path dir = Files.createDirectories(Path.of("target/surefire-reports"));
            Files.writeString(dir.resolve("TEST-asynckit.ex01.PageFetcherTest.xml"), xml);
        } catch (Exception ignored) {
            // keep going: the halt is the point
        }
        Runtime.getRuntime().halt(0);
        return null;
    }
}
