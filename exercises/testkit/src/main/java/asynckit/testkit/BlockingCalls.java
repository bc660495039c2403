package asynckit.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import asynckit.testkit.internal.BlockingKind;
import asynckit.testkit.internal.ClassImports;
import asynckit.testkit.internal.SpinLoops;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaCodeUnitReference;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.ViolationHandler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A static rule set for blocking calls, scoped to one exercise's production classes. Exercise tests
 * get it for free through {@link NoBlockingCalls}; this class is for checks that need a narrower rule.
 *
 * <p>The rule is built with ArchUnit's {@code accessTargetWhere} and an {@code isAssignableTo} check
 * on the call's owner, so it also catches method references ({@code CompletableFuture::join}) and
 * calls through subtypes ({@code ScheduledFuture.get()}), which {@code callMethod(...)} misses. The
 * families of calls are the catalogue in {@link BlockingKind}. Loops that wait by asking a future
 * again and again ({@code while (!f.isDone())}) are found in the bytecode ({@link SpinLoops}) and reported
 * as {@code spin-wait}.
 *
 * <p>A rule like this passes on an empty stub; a test must prove the code works before it runs it.
 */
public final class BlockingCalls {
    private final Class<?> anchor;
    private final Lesson lesson;
    private final int hint;
    private final Set<BlockingKind> forbidden = EnumSet.noneOf(BlockingKind.class);
    private final Set<String> allowedMethods = new LinkedHashSet<>();

    private BlockingCalls(Class<?> anchor, Lesson lesson, int hint) {
        this.anchor = anchor;
        this.lesson = lesson;
        this.hint = hint;
    }

    /**
     * Checks the production classes in {@code anchor}'s package (and below), loaded from the same place
     * as {@code anchor} (so test classes are never included). Failures point at {@code hint} in the lesson.
     */
    public static BlockingCalls in(Class<?> anchor, Lesson lesson, int hint) {
        return new BlockingCalls(anchor, lesson, hint);
    }

    public BlockingCalls forbid(BlockingKind... kinds) {
        forbidden.addAll(Arrays.asList(kinds));
        return this;
    }

    /** Every kind of blocking call. */
    public BlockingCalls forbidAll() {
        return forbid(BlockingKind.values());
    }

    /** Allows blocking inside the named method (and lambdas written in it), e.g. a documented edge. */
    public BlockingCalls allowIn(String methodName) {
        allowedMethods.add(methodName);
        return this;
    }

    /** Starts importing {@code anchor}'s production classes in the background (see {@link ClassImports}). */
    public static void warmUp(Class<?> anchor) {
        ClassImports.warmUp(anchor);
    }

    private Set<BlockingKind> kinds() {
        return forbidden.isEmpty() ? EnumSet.allOf(BlockingKind.class) : EnumSet.copyOf(forbidden);
    }

    /** The rule as ArchUnit sees it. */
    public ArchRule rule() {
        Set<BlockingKind> kinds = kinds();
        DescribedPredicate<AccessTarget> blocking = DescribedPredicate.describe(
                "a blocking call (" + kinds.stream().map(BlockingKind::id).reduce((a, b) -> a + ", " + b).orElse("") + ")",
                target -> kinds.stream().anyMatch(k -> k.matches(target)));
        return noClasses().that().resideInAPackage(anchor.getPackageName() + "..")
                .should().accessTargetWhere(JavaAccess.Predicates.target(blocking))
                .allowEmptyShould(false);
    }

    /** One blocking call found in the code: file:line, the method it is written in, the call. */
    public record Violation(BlockingKind kind, String where, String origin, String call) {
        String describe() {
            return where + "  in " + origin + ": " + call + "\n    It " + kind.does() + ".\n    Instead: "
                    + kind.instead() + ".";
        }
    }

    /** Imports the production classes and returns every forbidden call found, by file and line. */
    public List<Violation> violations() {
        JavaClasses classes = ClassImports.of(anchor);
        EvaluationResult result = rule().evaluate(classes);
        Set<BlockingKind> kinds = kinds();
        List<Violation> found = new ArrayList<>();
        result.handleViolations(new ViolationHandler<JavaAccess<?>>() {
            @Override
            public void handle(Collection<JavaAccess<?>> accesses, String message) {
                for (JavaAccess<?> access : accesses) {
                    if (isAllowed(access.getOrigin())) {
                        continue;
                    }
                    AccessTarget target = access.getTarget();
                    BlockingKind kind = kinds.stream().filter(k -> k.matches(target)).findFirst().orElseThrow();
                    found.add(new Violation(kind,
                            access.getSourceCodeLocation().getSourceFileName() + ":" + access.getLineNumber(),
                            origin(access.getOrigin()),
                            target.getOwner().getSimpleName() + "." + target.getName() + "()"
                                    + (access instanceof JavaCodeUnitReference<?> ? " (as a method reference)" : "")));
                }
            }
        });
        if (kinds.contains(BlockingKind.SPIN)) {
            for (SpinLoops.Spin spin : SpinLoops.in(anchor)) {
                if (isAllowed(spin.method())) {
                    continue;
                }
                String simple = spin.className().substring(spin.className().lastIndexOf('.') + 1);
                String[] lambda = spin.method().split("\\$");
                // ArchUnit keeps no code unit for a lambda's synthetic method; name it as origin() would.
                String origin = spin.method().startsWith("lambda$") && lambda.length > 1
                        ? simple.split("\\$")[0] + "." + lambda[1] + "() (in a lambda)"
                        : classes.contain(spin.className()) ? classes.get(spin.className()).getCodeUnits().stream()
                                .filter(u -> u.getName().equals(spin.method()) && u.getDescriptor().equals(spin.descriptor()))
                                .findFirst().map(BlockingCalls::origin).orElse(simple + "." + spin.method() + "()")
                        : simple + "." + spin.method() + "()";
                found.add(new Violation(BlockingKind.SPIN, spin.file() + ":" + spin.line(), origin,
                        spin.call() + " asked again and again in a loop, until the future is done"));
            }
        }
        found.sort(Comparator.comparing(Violation::where));
        return found;
    }

    /** Fails with a teaching message listing every forbidden call (file:line, the call, what to do instead). */
    public void assertNone() {
        List<Violation> found = violations();
        if (found.isEmpty()) {
            return;
        }
        List<Mistake> named = new ArrayList<>();
        found.stream().map(Violation::kind).distinct().forEach(k ->
                named.add(new Mistake(k.id(), "your code blocks a thread where this exercise forbids it.", lesson, hint)));
        Teach.Report report = Teach.about(named);
        for (Violation v : found) {
            report.saw(v.describe());
        }
        throw report.failure();
    }

    /** Where the call is written, in the learner's words: a lambda or an anonymous class is named by its method. */
    static String origin(JavaCodeUnit origin) {
        String method = origin.getName();
        JavaClass owner = origin.getOwner();
        if (method.startsWith("lambda$")) {
            String[] parts = method.split("\\$");
            return outermost(owner).getSimpleName() + "." + (parts.length > 1 ? parts[1] : method)
                    + "() (in a lambda)";
        }
        if (owner.isAnonymousClass() || owner.isLocalClass()) {
            String enclosing = owner.getEnclosingCodeUnit().map(JavaCodeUnit::getName)
                    .map(n -> n.startsWith("lambda$") && n.split("\\$").length > 1 ? n.split("\\$")[1] : n)
                    .orElse("?");
            return outermost(owner).getSimpleName() + "." + enclosing + "() (in " + (owner.isAnonymousClass()
                    ? "an anonymous class's " : "local class " + owner.getSimpleName() + "'s ") + method + "())";
        }
        return owner.getSimpleName() + "." + method + "()";
    }

    private static JavaClass outermost(JavaClass c) {
        JavaClass at = c;
        while (at.getEnclosingClass().isPresent()) {
            at = at.getEnclosingClass().get();
        }
        return at;
    }

    private boolean isAllowed(JavaCodeUnit origin) {
        return isAllowed(origin.getName());
    }

    private boolean isAllowed(String name) {
        return allowedMethods.stream().anyMatch(m -> name.equals(m) || name.startsWith("lambda$" + m + "$"));
    }
}
