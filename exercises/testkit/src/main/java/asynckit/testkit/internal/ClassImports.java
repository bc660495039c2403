package asynckit.testkit.internal;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ArchUnit imports of an exercise's production classes, cached by class location and package. An
 * import costs a few hundred milliseconds of CPU; {@link #warmUp} starts it on a background thread while
 * the other tests wait on simulated latency, and {@link #of} takes it when the blocking-call check runs.
 */
public final class ClassImports {
    private static final Map<String, CompletableFuture<JavaClasses>> STARTED = new ConcurrentHashMap<>();

    private ClassImports() {}

    /** Starts importing {@code anchor}'s package (and below) from {@code anchor}'s location, once. */
    public static void warmUp(Class<?> anchor) {
        STARTED.computeIfAbsent(key(anchor), k -> {
            CompletableFuture<JavaClasses> imported = new CompletableFuture<>();
            Thread importer = new Thread(() -> {
                try {
                    imported.complete(importFrom(anchor));
                } catch (Throwable t) {
                    imported.completeExceptionally(t);
                }
            }, "archunit-warm-up");
            importer.setDaemon(true);
            importer.setPriority(Thread.MIN_PRIORITY);
            importer.start();
            return imported;
        });
    }

    /** The imported classes: the warmed-up import when there is one, else a fresh import. */
    public static JavaClasses of(Class<?> anchor) {
        CompletableFuture<JavaClasses> warm = STARTED.remove(key(anchor));
        if (warm != null) {
            try {
                return warm.join();
            } catch (CompletionException e) {
                // The warm-up failed; import again, so the error (if any) surfaces here.
            }
        }
        return importFrom(anchor);
    }

    private static String key(Class<?> anchor) {
        return anchor.getProtectionDomain().getCodeSource().getLocation() + "!" + anchor.getPackageName();
    }

    private static JavaClasses importFrom(Class<?> anchor) {
        URL location = anchor.getProtectionDomain().getCodeSource().getLocation();
        try {
            String packagePath = anchor.getPackageName().replace('.', '/');
            JavaClasses classes = new ClassFileImporter()
                    .withImportOption(l -> l.contains("/" + packagePath + "/"))
                    .importLocations(Set.of(Location.of(location.toURI())));
            if (classes.stream().noneMatch(c -> c.getName().equals(anchor.getName()))) {
                throw new AssertionError("testkit could not read the classes of " + anchor.getName() + " from "
                        + location + "; the blocking-call rule has nothing to check");
            }
            return classes;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unreadable class location " + location, e);
        }
    }
}
