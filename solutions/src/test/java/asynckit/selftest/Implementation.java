package asynckit.selftest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One implementation of an exercise that the self-test runs the exercise's tests against: the stub,
 * the reference solution, a known-wrong variant or an alternative correct one. Sources are overlaid:
 * the solution's files replace the stub's files of the same path, and a variant's files replace the
 * solution's.
 *
 * @param exercise         the exercise folder name, e.g. 01-waiting-problem
 * @param name             stub, solution, wrong/VARIANT or right/VARIANT
 * @param kind             what the tests must make of it
 * @param layers           source roots, later ones overriding earlier ones
 * @param expectedMistakes for a wrong variant: the mistake ids its failures must name
 */
record Implementation(String exercise, String name, Kind kind, List<Path> layers, List<String> expectedMistakes) {

    enum Kind { STUB, SOLUTION, WRONG, RIGHT }

    private static final Pattern EXPECT = Pattern.compile("^//\\s*expect-mistake:\\s*([a-z0-9-]+)\\s*$",
            Pattern.MULTILINE);

    /** Every implementation of the exercise in {@code exerciseDir}, with its solution under {@code solutionsDir}. */
    static List<Implementation> of(Path exerciseDir, Path solutionsDir) throws IOException {
        String exercise = exerciseDir.getFileName().toString();
        Path stub = exerciseDir.resolve("src/main/java");
        Path solution = solutionsDir.resolve(exercise).resolve("src/main/java");
        List<Implementation> all = new ArrayList<>();
        all.add(new Implementation(exercise, "stub", Kind.STUB, List.of(stub), List.of()));
        all.add(new Implementation(exercise, "solution", Kind.SOLUTION, List.of(stub, solution), List.of()));
        for (Kind kind : List.of(Kind.WRONG, Kind.RIGHT)) {
            String folder = kind.name().toLowerCase();
            Path variants = solutionsDir.resolve(exercise).resolve(folder);
            if (!Files.isDirectory(variants)) {
                continue;
            }
            try (Stream<Path> dirs = Files.list(variants)) {
                for (Path variant : dirs.filter(Files::isDirectory).sorted().toList()) {
                    all.add(new Implementation(exercise, folder + "/" + variant.getFileName(), kind,
                            List.of(stub, solution, variant), kind == Kind.WRONG ? expectedMistakes(variant) : List.of()));
                }
            }
        }
        return all;
    }

    /** The first implementation of this kind in {@code all} (the stub, the solution). */
    static Implementation first(List<Implementation> all, Kind kind) {
        return all.stream().filter(i -> i.kind() == kind).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + kind.name().toLowerCase() + " among " + all));
    }

    private static List<String> expectedMistakes(Path variant) throws IOException {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> files = Files.walk(variant)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                Matcher m = EXPECT.matcher(Files.readString(file));
                while (m.find()) {
                    ids.add(m.group(1));
                }
            }
        }
        return List.copyOf(ids);
    }
}
