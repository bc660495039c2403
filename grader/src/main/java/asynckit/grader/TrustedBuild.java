package asynckit.grader;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The build outputs every learner's tests run with, made once per grading run from the pristine snapshot
 * before any learner code runs: Maven compiles the testkit and the exercises' tests (against the stubs)
 * and lists each exercise's test class path; the libraries are copied next to the grader's own test
 * runner. Nothing here is ever written by a learner's run: the sandbox shows it read-only, and where there
 * is no sandbox the grader checks (and restores) every file after each run.
 */
final class TrustedBuild {
    static final String CLASSPATH_FILE = "target/asynckit-test-classpath.txt";
    static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath";
    /** Variables that would change how a JVM or Maven starts: never passed on to a build or a test JVM. */
    static final List<String> JVM_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS",
            "MAVEN_OPTS", "MAVEN_ARGS", "MAVEN_CONFIG", "CLASSPATH", "MAVEN_DEBUG_OPTS", "MAVEN_SKIP_RC");

    /** One exercise's test inputs. */
    record ExerciseBuild(Path testSources, Path testResources, List<Path> testClasspath) {}

    private final Path pristine;
    private final Path dir;
    private final Path runnerDir;
    private final List<Path> runnerLibs;
    private final Map<String, ExerciseBuild> exercises;
    private final int release;
    private final Map<Path, byte[]> guarded = new TreeMap<>();
    private final boolean reused;

    private TrustedBuild(Path pristine, Path dir, Path runnerDir, List<Path> runnerLibs,
                         Map<String, ExerciseBuild> exercises, int release, boolean reused) {
        this.reused = reused;
        this.pristine = pristine;
        this.dir = dir;
        this.runnerDir = runnerDir;
        this.runnerLibs = runnerLibs;
        this.exercises = exercises;
        this.release = release;
    }

    /** True when the build was taken from the build cache instead of made by Maven. */
    boolean reused() {
        return reused;
    }

    Path pristine() {
        return pristine;
    }

    ExerciseBuild exercise(String id) {
        return exercises.get(id);
    }

    int release() {
        return release;
    }

    Path runnerDir() {
        return runnerDir;
    }

    List<Path> runnerLibs() {
        return runnerLibs;
    }

    /** The folders a learner's run could change where there is no sandbox: the snapshot and the trusted outputs. */
    List<Path> readOnly() {
        return List.of(pristine, dir);
    }

    /**
     * The folders one exercise's test JVM needs to see: the trusted outputs and the snapshot's folders on that
     * exercise's test class path (the testkit's classes, say). Not the rest of the snapshot: it holds the
     * reference solutions and the graded quizzes' answers, which learner code could otherwise read and print into
     * its report.
     */
    List<Path> visibleTo(ExerciseBuild tests) {
        List<Path> visible = new ArrayList<>(List.of(dir));
        tests.testClasspath().stream().filter(p -> p.startsWith(pristine)).forEach(visible::add);
        return visible;
    }

    /**
     * Builds the snapshot's tests.
     *
     * @param pristine the pristine snapshot (a folder the grader made; see {@link KitSnapshot})
     * @param dir      where the trusted outputs go (outside the snapshot)
     * @param log      where Maven's log goes
     */
    static TrustedBuild make(Path pristine, Inventory inventory, Path dir, Path log) throws IOException {
        return make(pristine, inventory, dir, log, null);
    }

    /**
     * Builds the snapshot's tests, or takes them from {@code cache} (a {@link BuildCache} folder; null: none)
     * when an earlier run built the very same snapshot.
     */
    static TrustedBuild make(Path pristine, Inventory inventory, Path dir, Path log, Path cache) throws IOException {
        List<String> modules = inventory.exercises().stream().map(Inventory.ExerciseSpec::module).toList();
        List<String> ids = inventory.exercises().stream().map(Inventory.ExerciseSpec::id).toList();
        if (cache != null) {
            // A cached build holds every exercise, so a run of some exercises reuses a run of all and back.
            List<asynckit.course.Manifest> all = asynckit.course.Course.discover(pristine);
            modules = all.stream().map(asynckit.course.Manifest::module).toList();
            ids = all.stream().map(asynckit.course.Manifest::id).toList();
        }
        Path lib = Files.createDirectories(dir.resolve("lib"));
        String key = cache == null ? null : BuildCache.key(pristine, modules);
        Map<String, List<String>> index;
        boolean reused;
        try (BuildCache.Lock lock = key == null ? () -> { } : BuildCache.lock(cache, key)) {
            index = key == null ? null : BuildCache.restore(cache, key, pristine, lib);
            reused = index != null;
            if (index == null) {
                maven(pristine, modules, log);
                index = new LinkedHashMap<>();
                for (int i = 0; i < ids.size(); i++) {
                    index.put(ids.get(i), classpathIndex(pristine, ids.get(i), modules.get(i), lib, log));
                }
                if (key != null) {
                    BuildCache.store(cache, key, pristine, lib, index);
                }
            }
        }
        Map<String, ExerciseBuild> builds = new LinkedHashMap<>();
        for (Inventory.ExerciseSpec spec : inventory.exercises()) {
            List<String> entries = index.get(spec.id());
            if (entries == null) {
                throw new IOException("the kit build listed no test class path for " + spec.id() + " (log: " + log + ")");
            }
            List<Path> classpath = new ArrayList<>();
            for (String entry : entries) {
                classpath.add(entry.startsWith("lib:") ? lib.resolve(entry.substring(4))
                        : pristine.resolve(entry.substring(4)).normalize());
            }
            Path module = pristine.resolve(spec.module());
            builds.put(spec.id(), new ExerciseBuild(module.resolve("src/test/java"), module.resolve("target/test-classes"),
                    List.copyOf(classpath)));
        }
        Path runner = Files.createDirectories(dir.resolve("runner"));
        copyRunner(runner);
        List<Path> runnerLibs = new ArrayList<>();
        Path launcher = codeSource(org.junit.platform.launcher.core.LauncherFactory.class);
        Path launcherCopy = lib.resolve(launcher.getFileName().toString());
        if (!Files.exists(launcherCopy)) {
            Files.copy(launcher, launcherCopy);
        }
        runnerLibs.add(launcherCopy);
        TrustedBuild build = new TrustedBuild(pristine, dir, runner, List.copyOf(runnerLibs), builds,
                release(pristine), reused);
        FileTrees.makeReadOnly(dir);
        return build;
    }

    /** Runs Maven in the snapshot: compiles the testkit and the exercises' tests and lists their class paths. */
    private static void maven(Path pristine, List<String> modules, Path log) throws IOException {
        boolean windows = System.getProperty("os.name", "").toLowerCase().contains("win");
        Path wrapper = pristine.resolve(windows ? "mvnw.cmd" : "mvnw");
        if (!Files.isRegularFile(wrapper)) {
            throw new IOException("the kit has no Maven wrapper (" + wrapper.getFileName() + ")");
        }
        List<String> command = new ArrayList<>(windows ? List.of("cmd", "/c", wrapper.toString())
                : List.of("sh", wrapper.toString()));
        command.addAll(List.of("-B", "-am", "-pl", String.join(",", modules), "test-compile", DEPENDENCY_PLUGIN,
                "-Dmdep.outputFile=" + CLASSPATH_FILE, "-Dmdep.includeScope=test", "-Dstyle.color=never",
                "-Dmaven.test.skip=false", "-DskipTests"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(pristine.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Files.createDirectories(log.toAbsolutePath().getParent());
        JVM_VARIABLES.forEach(pb.environment()::remove);
        pb.environment().put("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        Process p = pb.redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        try {
            if (!p.waitFor(20, TimeUnit.MINUTES)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IOException("building the kit's tests took more than 20 minutes (log: " + log + ")");
            }
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while building the kit's tests", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("the pristine kit's tests did not build (exit " + p.exitValue() + "): "
                    + errorLines(log) + " (log: " + log + ")");
        }
    }

    /**
     * One exercise's test class path as Maven listed it, each entry made independent of where this build ran:
     * {@code lib:NAME} for a library (copied into {@code lib}), {@code kit:PATH} for a folder of the snapshot.
     */
    private static List<String> classpathIndex(Path pristine, String id, String module, Path lib, Path log)
            throws IOException {
        Path cpFile = pristine.resolve(module).resolve(CLASSPATH_FILE);
        if (!Files.isRegularFile(cpFile)) {
            throw new IOException("the kit build listed no test class path for " + id + " (log: " + log + ")");
        }
        List<String> entries = new ArrayList<>();
        for (String entry : Files.readString(cpFile).strip().split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path e = Path.of(entry);
            if (Files.isRegularFile(e)) {
                Path copy = lib.resolve(e.getFileName().toString());
                if (!Files.exists(copy)) {
                    Files.copy(e, copy);
                }
                entries.add("lib:" + e.getFileName());
            } else if (Files.isDirectory(e) && e.toAbsolutePath().normalize().startsWith(pristine)) {
                entries.add("kit:" + FileTrees.slash(pristine.relativize(e.toAbsolutePath().normalize())));
            } else if (Files.exists(e)) {
                throw new IOException("the test class path of " + id + " names " + e
                        + ", outside the pristine kit");
            }
        }
        return entries;
    }

    /** The {@code [ERROR]} lines of a Maven log, at most three. */
    private static String errorLines(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            List<String> errors = lines.filter(l -> l.startsWith("[ERROR]")).limit(3).toList();
            return errors.isEmpty() ? "no error in the log" : String.join(" / ", errors);
        } catch (IOException | java.io.UncheckedIOException e) {
            return "the log cannot be read";
        }
    }

    private static final Pattern RELEASE = Pattern.compile("<maven\\.compiler\\.release>(\\d+)</maven\\.compiler\\.release>");

    /** The Java release the exercises compile for (the root pom's {@code maven.compiler.release}). */
    static int release(Path pristine) throws IOException {
        Matcher m = RELEASE.matcher(Files.readString(pristine.resolve("pom.xml")));
        return m.find() ? Integer.parseInt(m.group(1)) : 21;
    }

    static Path codeSource(Class<?> type) throws IOException {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IOException("cannot find where " + type.getName() + " was loaded from", e);
        }
    }

    /** Copies the grader's test runner (the classes of package asynckit.grader.runner) to {@code target}. */
    private static void copyRunner(Path target) throws IOException {
        String prefix = "asynckit/grader/runner/";
        Path source = codeSource(asynckit.grader.runner.TestRunner.class);
        Path out = Files.createDirectories(target.resolve(prefix));
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.list(source.resolve(prefix))) {
                for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    Files.copy(f, out.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } else {
            try (JarFile jar = new JarFile(source.toFile())) {
                for (JarEntry e : java.util.Collections.list(jar.entries())) {
                    String name = e.getName();
                    if (name.startsWith(prefix) && name.endsWith(".class") && name.indexOf('/', prefix.length()) < 0) {
                        try (InputStream in = jar.getInputStream(e)) {
                            Files.copy(in, out.resolve(name.substring(prefix.length())),
                                    StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
        }
    }

    /** Remembers every file of the snapshot and the trusted outputs, to find and undo a learner's change. */
    void guard() throws IOException {
        guarded.clear();
        for (Path root : readOnly()) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    guarded.put(f, Files.readAllBytes(f));
                }
            }
        }
    }

    /**
     * Compares the snapshot and the trusted outputs with what {@link #guard} remembered, puts back what
     * changed, and returns what that was (empty when nothing changed).
     */
    List<String> verifyAndRestore() throws IOException {
        List<String> changed = new ArrayList<>();
        if (guarded.isEmpty()) {
            return changed;
        }
        for (Path root : readOnly()) {
            root.toFile().setWritable(true, true);
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
                    if (!guarded.containsKey(f)) {
                        changed.add(root.relativize(f) + " (added)");
                        f.getParent().toFile().setWritable(true, true);
                        Files.delete(f);
                    }
                }
            }
        }
        for (Map.Entry<Path, byte[]> e : guarded.entrySet()) {
            Path f = e.getKey();
            boolean same = Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && java.util.Arrays.equals(Files.readAllBytes(f), e.getValue());
            if (!same) {
                changed.add(f.getFileName() + " (changed)");
                Files.createDirectories(f.getParent());
                f.getParent().toFile().setWritable(true, true);
                f.toFile().setWritable(true, true);
                Files.deleteIfExists(f);
                Files.write(f, e.getValue());
            }
        }
        return changed;
    }
}
