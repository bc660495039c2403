package asynckit.grader;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles in the grader's own JVM with javac's API: no learner code runs while compiling (annotation
 * processing is off), and the grader learns which classes each learner file produced.
 */
final class JavaCompile {
    private JavaCompile() {}

    /**
     * @param errors         "File.java:LINE: message", at most 20
     * @param learnerClasses the binary names of the classes compiled from the learner's files
     */
    record Result(boolean ok, List<String> errors, Set<String> learnerClasses) {}

    /**
     * @param sources      the files to compile
     * @param learnerFiles which of them the learner wrote (their classes are named in the result)
     * @param classpath    what they compile against
     * @param release      the Java release (e.g. 21)
     */
    static Result compile(List<Path> sources, Set<Path> learnerFiles, List<Path> classpath, Path output, int release)
            throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IOException("grading needs a JDK (javac), not a JRE: run it with a JDK 21+");
        }
        Files.createDirectories(output);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Set<String> learnerClasses = new HashSet<>();
        Set<java.net.URI> learnerUris = new HashSet<>();
        learnerFiles.forEach(f -> learnerUris.add(f.toAbsolutePath().normalize().toUri()));
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = new ArrayList<>(List.of("--release", String.valueOf(release), "-proc:none", "-g",
                    "-encoding", "UTF-8", "-nowarn", "-implicit:none", "-Xmaxerrs", "20", "-d", output.toString()));
            options.add("-classpath");
            options.add(String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()));
            options.add("-sourcepath");
            options.add("");
            JavacTask task = (JavacTask) javac.getTask(new StringWriter(), fm, diagnostics, options, null,
                    fm.getJavaFileObjectsFromPaths(sources));
            task.addTaskListener(new TaskListener() {
                @Override
                public void finished(TaskEvent e) {
                    if (e.getKind() == TaskEvent.Kind.GENERATE && e.getSourceFile() != null
                            && learnerUris.contains(Path.of(e.getSourceFile().toUri()).toAbsolutePath().normalize().toUri())) {
                        TypeElement type = e.getTypeElement();
                        if (type != null) {
                            learnerClasses.add(task.getElements().getBinaryName(type).toString());
                        }
                    }
                }
            });
            boolean ok;
            try {
                ok = task.call();
            } catch (RuntimeException e) {
                return new Result(false, List.of("the compiler failed: " + Messages.oneLine(String.valueOf(e))),
                        learnerClasses);
            }
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR && errors.size() < 20) {
                    String file = d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName().toString();
                    String message = d.getMessage(Locale.ROOT).lines().findFirst().orElse("").strip();
                    String error = (file.isEmpty() ? "" : file + ":" + d.getLineNumber() + ": ") + message;
                    if (!errors.contains(error)) {
                        errors.add(error);
                    }
                }
            }
            if (!ok && errors.isEmpty()) {
                errors.add("the compiler failed without a message");
            }
            return new Result(ok, errors, learnerClasses);
        }
    }
}
