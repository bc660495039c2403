package asynckit.ex01;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Hostile: unsolved, and its static initializer plants a JUnit InvocationInterceptor that skips every test
 * (a compiled class, a service entry, and a junit-platform.properties that switches extension
 * auto-detection on) in every folder of the test class path, hoping later test JVMs load it.
 * Safety: it writes only under paths containing "asynckit-hostile" (the test's own temporary folders).
 */
public final class PageFetcher {
    static final String PLANTED = "yv66vgAAAEEAGgoAAgADBwAEDAAFAAYBABBqYXZhL2xhbmcvT2JqZWN0AQAGPGluaXQ+AQADKClWCwAIAAkHAAoMAAsABgEAQG9yZy9qdW5pdC9qdXBpdGVyL2FwaS9leHRlbnNpb24vSW52b2NhdGlvbkludGVyY2VwdG9yJEludm9jYXRpb24BAARza2lwBwANAQAYYXN5bmNraXQvdGVzdGtpdC9QbGFudGVkBwAPAQA1b3JnL2p1bml0L2p1cGl0ZXIvYXBpL2V4dGVuc2lvbi9JbnZvY2F0aW9uSW50ZXJjZXB0b3IBAARDb2RlAQAPTGluZU51bWJlclRhYmxlAQATaW50ZXJjZXB0VGVzdE1ldGhvZAEAtChMb3JnL2p1bml0L2p1cGl0ZXIvYXBpL2V4dGVuc2lvbi9JbnZvY2F0aW9uSW50ZXJjZXB0b3IkSW52b2NhdGlvbjtMb3JnL2p1bml0L2p1cGl0ZXIvYXBpL2V4dGVuc2lvbi9SZWZsZWN0aXZlSW52b2NhdGlvbkNvbnRleHQ7TG9yZy9qdW5pdC9qdXBpdGVyL2FwaS9leHRlbnNpb24vRXh0ZW5zaW9uQ29udGV4dDspVgEACVNpZ25hdHVyZQEA4ihMb3JnL2p1bml0L2p1cGl0ZXIvYXBpL2V4dGVuc2lvbi9JbnZvY2F0aW9uSW50ZXJjZXB0b3IkSW52b2NhdGlvbjxMamF2YS9sYW5nL1ZvaWQ7PjtMb3JnL2p1bml0L2p1cGl0ZXIvYXBpL2V4dGVuc2lvbi9SZWZsZWN0aXZlSW52b2NhdGlvbkNvbnRleHQ8TGphdmEvbGFuZy9yZWZsZWN0L01ldGhvZDs+O0xvcmcvanVuaXQvanVwaXRlci9hcGkvZXh0ZW5zaW9uL0V4dGVuc2lvbkNvbnRleHQ7KVYBAApTb3VyY2VGaWxlAQAMUGxhbnRlZC5qYXZhAQAMSW5uZXJDbGFzc2VzAQAKSW52b2NhdGlvbgAhAAwAAgABAA4AAAACAAEABQAGAAEAEAAAAB0AAQABAAAABSq3AAGxAAAAAQARAAAABgABAAAACAABABIAEwACABAAAAAjAAEABAAAAAcruQAHAQCxAAAAAQARAAAACgACAAAADAAGAA0AFAAAAAIAFQACABYAAAACABcAGAAAAAoAAQAIAA4AGQYJ";

    static {
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path dir = Path.of(entry);
            if (!entry.contains("asynckit-hostile") || !Files.isDirectory(dir)) {
                continue;
            }
            try {
                Path cls = dir.resolve("asynckit/testkit/Planted.class");
                Files.createDirectories(cls.getParent());
                Files.write(cls, Base64.getDecoder().decode(PLANTED));
                Path services = dir.resolve("META-INF/services/org.junit.jupiter.api.extension.Extension");
                Files.createDirectories(services.getParent());
                Files.writeString(services, "asynckit.testkit.Planted\n");
                Files.writeString(dir.resolve("junit-platform.properties"),
                        "junit.jupiter.extensions.autodetection.enabled=true\n");
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
