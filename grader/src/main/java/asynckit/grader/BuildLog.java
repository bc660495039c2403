package asynckit.grader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Maven build's log ({@code -B}, not quiet) says about each module: whether it was reached,
 * whether its code compiled, whether Surefire ran and how its test JVM ended. Surefire writes no
 * report when its JVM is killed or ends early, so the log is the only witness of why.
 */
public final class BuildLog {
    private static final Pattern SEGMENT = Pattern.compile(
            "^\\[INFO] --- ([\\w.-]+):([\\w.-]+):([\\w.-]+) \\(([^)]*)\\) @ ([\\w.-]+) ---");
    private static final Pattern COMPILE_ERROR = Pattern.compile(
            "^\\[ERROR] (.+\\.java):\\[(\\d+),(\\d+)] (?:error: )?(.*)$");
    private static final Pattern FAILED_GOAL = Pattern.compile(
            "Failed to execute goal (\\S+) \\(([^)]*)\\) on project ([\\w.-]+): (.*)$");

    /** One module's story. */
    public static final class Module {
        boolean reached;
        boolean surefireRan;
        boolean crashed;
        boolean timedOut;
        final List<String> compileErrors = new ArrayList<>();
        final List<String> testCompileErrors = new ArrayList<>();
        String failedGoal;

        public boolean reached() { return reached; }
        public boolean surefireRan() { return surefireRan; }
        public boolean crashed() { return crashed; }
        public boolean timedOut() { return timedOut; }
        public List<String> compileErrors() { return compileErrors; }
        public List<String> testCompileErrors() { return testCompileErrors; }
        public String failedGoal() { return failedGoal; }
    }

    private final Map<String, Module> modules = new LinkedHashMap<>();
    private String artifact;
    private String goal;

    public Module module(String artifactId) {
        return modules.computeIfAbsent(artifactId, a -> new Module());
    }

    public boolean anyModuleReached() {
        return modules.values().stream().anyMatch(m -> m.reached);
    }

    /** Feeds one line of the log. */
    public void line(String raw) {
        String line = stripAnsi(raw);
        Matcher m = SEGMENT.matcher(line);
        if (m.find()) {
            artifact = m.group(5);
            goal = m.group(1) + ":" + m.group(3);
            Module mod = module(artifact);
            mod.reached = true;
            if (goal.equals("surefire:test")) {
                mod.surefireRan = true;
            }
            return;
        }
        Matcher f = FAILED_GOAL.matcher(line);
        if (f.find()) {
            Module mod = module(f.group(3));
            mod.reached = true;
            String what = f.group(1);
            mod.failedGoal = what + ": " + f.group(4);
            if (what.contains("surefire")) {
                classifySurefire(mod, f.group(4));
            }
            return;
        }
        if (artifact == null) {
            return;
        }
        Module mod = module(artifact);
        if (goal.startsWith("compiler:")) {
            Matcher e = COMPILE_ERROR.matcher(line);
            if (e.find()) {
                String file = e.group(1).replace('\\', '/');
                String where = file.substring(file.lastIndexOf('/') + 1) + ":" + e.group(2);
                String error = where + ": " + e.group(4).strip();
                List<String> list = goal.equals("compiler:testCompile") ? mod.testCompileErrors : mod.compileErrors;
                if (!list.contains(error) && list.size() < 20) {
                    list.add(error);
                }
            }
        } else if (goal.equals("surefire:test")) {
            classifySurefire(mod, line);
        }
    }

    private static void classifySurefire(Module mod, String line) {
        if (line.contains("There was a timeout in the fork") || line.contains("timeout in the fork")) {
            mod.timedOut = true;
        } else if (line.contains("The forked VM terminated without properly saying goodbye")
                || line.contains("Crashed tests:")
                || line.contains("ExecutionException") && line.contains("forked")) {
            mod.crashed = true;
        }
    }

    private static String stripAnsi(String s) {
        return s.indexOf('\u001b') < 0 ? s : s.replaceAll("\u001b\\[[0-9;]*[A-Za-z]", "");
    }
}
