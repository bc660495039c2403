package asynckit.grader;

import asynckit.course.Manifest;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Reads an exercise of the pristine tree into its {@link Inventory.ExerciseSpec}: the test sources are read
 * with javac's own parser (no compilation needed), so the test methods, nested classes, {@code @DisplayName}
 * sentences and {@code @Points} come from the test classes themselves; a test class that implements the
 * testkit's {@code NoBlockingCalls} also has the contributed check, worth what the manifest says.
 */
public final class InventoryGenerator {
    /** Where an exercise's own code lives, relative to its folder. */
    static final String MAIN_JAVA = "src/main/java/";
    static final String NO_BLOCKING_CALLS = "NoBlockingCalls";

    private InventoryGenerator() {}

    static Inventory.ExerciseSpec exercise(Path root, Manifest manifest) throws IOException {
        Path dir = root.resolve(manifest.module());
        List<Inventory.TestSpec> tests = new ArrayList<>();
        Path testJava = dir.resolve("src/test/java");
        if (Files.isDirectory(testJava)) {
            try (Stream<Path> files = Files.walk(testJava)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    tests.addAll(tests(file, manifest));
                }
            }
        }
        List<String> problems = new ArrayList<>();
        if (tests.isEmpty()) {
            problems.add(manifest.module() + " has no @Test methods under src/test/java");
        }
        int sum = tests.stream().mapToInt(Inventory.TestSpec::points).sum();
        if (sum != manifest.points()) {
            problems.add("the tests of " + manifest.id() + " are worth " + sum + " points (their @Points"
                    + (manifest.blockingCalls() != null ? " and the blocking-call check's " + manifest.blockingCalls().points()
                    : "") + "), but its exercise.yaml says " + manifest.points() + "; the report counts "
                    + manifest.points() + " as its maximum");
        }
        boolean contributed = tests.stream().anyMatch(t -> t.method().equals(Manifest.BLOCKING_CHECK_METHOD));
        if (manifest.blockingCalls() != null && !contributed) {
            problems.add("exercise.yaml of " + manifest.id() + " gives the blocking-call check "
                    + manifest.blockingCalls().points() + " points, but no test class implements NoBlockingCalls");
        }
        Map<String, String> files = Checksums.exercise(dir, manifest.learnerWrites());
        return new Inventory.ExerciseSpec(manifest.id(), manifest.fullTitle(), manifest.module(), manifest.points(),
                List.copyOf(tests), files, List.copyOf(manifest.learnerWrites()), List.copyOf(problems));
    }

    /** The tests declared in one source file, in source order (no manifest: the contributed check is worth 0). */
    static List<Inventory.TestSpec> tests(Path file) throws IOException {
        return tests(file, null);
    }

    static List<Inventory.TestSpec> tests(Path file, Manifest manifest) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("grading needs a JDK (javac), not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) javac.getTask(null, fm, diagnostics, List.of("-proc:none"), null,
                    fm.getJavaFileObjects(file));
            List<Inventory.TestSpec> found = new ArrayList<>();
            for (CompilationUnitTree unit : task.parse()) {
                String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString() + ".";
                for (Tree type : unit.getTypeDecls()) {
                    if (type instanceof ClassTree cls) {
                        collect(cls, pkg + cls.getSimpleName(), found, manifest);
                    }
                }
            }
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    throw new IllegalStateException(file + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(ClassTree cls, String className, List<Inventory.TestSpec> found, Manifest manifest) {
        String classDisplay = displayName(cls.getModifiers().getAnnotations()).orElse(cls.getSimpleName().toString());
        for (Tree member : cls.getMembers()) {
            if (member instanceof MethodTree method) {
                List<? extends AnnotationTree> annotations = method.getModifiers().getAnnotations();
                if (has(annotations, "Test")) {
                    String name = method.getName().toString();
                    found.add(new Inventory.TestSpec(className, classDisplay, name,
                            displayName(annotations).orElse(name), points(annotations)));
                } else if (has(annotations, "ParameterizedTest") || has(annotations, "RepeatedTest")
                        || has(annotations, "TestFactory") || has(annotations, "TestTemplate")) {
                    throw new IllegalStateException(className + "." + method.getName() + ": the grader scores plain"
                            + " @Test methods only (one result per method); make it a @Test");
                }
            } else if (member instanceof ClassTree nested && has(nested.getModifiers().getAnnotations(), "Nested")) {
                collect(nested, className + "$" + nested.getSimpleName(), found, manifest);
            }
        }
        boolean implementsCheck = cls.getImplementsClause().stream().map(Tree::toString)
                .anyMatch(t -> t.equals(NO_BLOCKING_CALLS) || t.endsWith("." + NO_BLOCKING_CALLS));
        if (implementsCheck) {
            int points = manifest == null || manifest.blockingCalls() == null ? 0 : manifest.blockingCalls().points();
            found.add(new Inventory.TestSpec(className, classDisplay, Manifest.BLOCKING_CHECK_METHOD,
                    Manifest.BLOCKING_CHECK_NAME, points));
        }
    }

    private static boolean has(List<? extends AnnotationTree> annotations, String simpleName) {
        return annotations.stream().anyMatch(a -> simple(a).equals(simpleName));
    }

    private static String simple(AnnotationTree a) {
        String type = a.getAnnotationType().toString();
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static Optional<AnnotationTree> find(List<? extends AnnotationTree> annotations, String simpleName) {
        return annotations.stream().filter(a -> simple(a).equals(simpleName)).map(a -> (AnnotationTree) a).findFirst();
    }

    private static Optional<String> displayName(List<? extends AnnotationTree> annotations) {
        return find(annotations, "DisplayName").map(a -> {
            Object value = constant(argument(a));
            if (!(value instanceof String s)) {
                throw new IllegalStateException("@DisplayName must be a string literal for the grader: " + a);
            }
            return s;
        });
    }

    private static int points(List<? extends AnnotationTree> annotations) {
        return find(annotations, "Points").map(a -> {
            Object value = constant(argument(a));
            if (!(value instanceof Integer n) || n < 0) {
                throw new IllegalStateException("@Points must be a non-negative int literal: " + a);
            }
            return n;
        }).orElse(0);
    }

    private static ExpressionTree argument(AnnotationTree a) {
        if (a.getArguments().size() != 1) {
            throw new IllegalStateException("expected one argument: " + a);
        }
        ExpressionTree arg = a.getArguments().get(0);
        if (arg instanceof AssignmentTree assign) {
            return assign.getExpression();
        }
        return arg;
    }

    /** String and int literals, and {@code +} of string literals; anything else is not a constant here. */
    private static Object constant(ExpressionTree e) {
        if (e instanceof LiteralTree lit) {
            return lit.getValue();
        }
        if (e instanceof ParenthesizedTree p) {
            return constant(p.getExpression());
        }
        if (e instanceof BinaryTree bin && bin.getKind() == Tree.Kind.PLUS) {
            Object left = constant(bin.getLeftOperand());
            Object right = constant(bin.getRightOperand());
            if (left instanceof String || right instanceof String) {
                return String.valueOf(left) + right;
            }
        }
        return null;
    }
}
