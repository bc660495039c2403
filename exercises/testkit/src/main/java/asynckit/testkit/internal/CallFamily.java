package asynckit.testkit.internal;

import com.tngtech.archunit.core.domain.AccessTarget;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A family of calls: these method names, declared by {@code owner} or any subtype. The call's owner is told apart
 * by the JVM's own answer (the class loaded, not initialised) rather than by ArchUnit's graph, so the import need
 * not read the JDK's classes that the code calls (see archunit.properties): the same answer for
 * {@code CompletableFuture.get}, a learner's subclass and a method reference, at a fraction of the import's cost. A
 * class that cannot be loaded falls back on ArchUnit's view.
 *
 * @param owner the declaring class or interface
 * @param names the method names
 */
public record CallFamily(Class<?> owner, Set<String> names) {
    private static final Map<String, Optional<Class<?>>> LOADED = new ConcurrentHashMap<>();

    public CallFamily {
        names = Set.copyOf(names);
    }

    public static CallFamily of(Class<?> owner, String... names) {
        return new CallFamily(owner, Set.of(names));
    }

    /** Whether {@code target} (a call read by ArchUnit) is one of this family's. */
    public boolean matches(AccessTarget target) {
        if (!names.contains(target.getName())) {
            return false;
        }
        String name = target.getOwner().getName();
        if (name.equals(owner.getName())) {
            return true;
        }
        Class<?> called = load(name);
        return called != null ? owner.isAssignableFrom(called) : target.getOwner().isAssignableTo(owner);
    }

    private static Class<?> load(String name) {
        return LOADED.computeIfAbsent(name, n -> {
            for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                    CallFamily.class.getClassLoader()}) {
                if (loader == null) {
                    continue;
                }
                try {
                    return Optional.of(Class.forName(n, false, loader));
                } catch (ClassNotFoundException | LinkageError e) {
                    // try the next loader
                }
            }
            return Optional.empty();
        }).orElse(null);
    }
}
