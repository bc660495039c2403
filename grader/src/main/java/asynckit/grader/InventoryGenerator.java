package asynckit.grader;

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
import java.util.Optional;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Builds the {@link Inventory} from the pristine tree: every {@code exercises/NN-slug} module with
 * tests, read with javac's own parser (no compilation needed), so the test methods, nested classes,
 * {@code @DisplayName} sentences and {@code @Points} come from the test classes themselves.
 */
public final class InventoryGenerator {
    private InventoryGenerator() {}

    public static Inventory generate(Path root) throws IOException {
        List<Inventory.ExerciseSpec> exercises = new ArrayList<>();
        for (Path dir : exerciseDirs(root)) {
            exercises.add(exercise(root, dir));
        }
        if (exercises.isEmpty()) {
            throw new IllegalStateException("no exercises with tests under " + root.resolve("exercises"));
        }
        return new Inventory(Inventory.SCHEMA, Inventory.REGENERATE, Checksums.shared(root), Checksums.quizBanks(root),
                exercises);
    }

    static List<Path> exerciseDirs(Path root) throws IOException {
        Path exercises = root.resolve("exercises");
        if (!Files.isDirectory(exercises)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(exercises)) {
            return dirs.filter(d -> d.getFileName().toString().matches("\\d+-[a-z0-9-]+"))
                    .filter(d -> Files.isDirectory(d.resolve("src/test/java")))
                    .sorted()
                    .toList();
        }
    }

    static Inventory.ExerciseSpec exercise(Path root, Path dir) throws IOException {
        String id = dir.getFileName().toString();
        Element pom = pom(dir.resolve("pom.xml"));
        String artifactId = child(pom, "artifactId").orElseThrow(() ->
                new IllegalStateException(dir.resolve("pom.xml") + " has no artifactId"));
        String title = child(pom, "name").orElse(id);
        List<Inventory.TestSpec> tests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir.resolve("src/test/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                tests.addAll(tests(file));
            }
        }
        if (tests.isEmpty()) {
            throw new IllegalStateException("exercise " + id + " has no @Test methods under src/test/java");
        }
        int max = tests.stream().mapToInt(Inventory.TestSpec::points).sum();
        String module = root.relativize(dir).toString().replace('\\', '/');
        return new Inventory.ExerciseSpec(id, title, module, artifactId, max, tests, Checksums.exercise(dir));
    }

    /** The tests declared in one source file, in source order. */
    static List<Inventory.TestSpec> tests(Path file) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("generating the inventory needs a JDK (javac), not a JRE");
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
                        collect(cls, pkg + cls.getSimpleName(), found);
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

    private static void collect(ClassTree cls, String className, List<Inventory.TestSpec> found) {
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
                collect(nested, className + "$" + nested.getSimpleName(), found);
            }
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

    static Element pom(Path file) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            Xml.harden(f);
            Document doc = f.newDocumentBuilder().parse(file.toFile());
            return doc.getDocumentElement();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(file + " is not a readable pom: " + e.getMessage(), e);
        }
    }

    private static Optional<String> child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(name)) {
                return Optional.of(c.getTextContent().trim());
            }
        }
        return Optional.empty();
    }
}
