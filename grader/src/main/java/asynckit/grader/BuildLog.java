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
    private String failedArtifact;
    private String failedPlugin;

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
        if (line.contains("Reactor Summary")) {
            artifact = null;
            return;
        }
        Matcher f = FAILED_GOAL.matcher(line);
        if (f.find()) {
            artifact = null;
            Module mod = module(f.group(3));
            mod.reached = true;
            String what = f.group(1);
            mod.failedGoal = what + ": " + f.group(4);
            failedArtifact = f.group(3);
            failedPlugin = what;
            if (what.contains("surefire")) {
                classifySurefire(mod, f.group(4));
            }
            return;
        }
        if (artifact == null) {
            // The details of a failed goal follow its "Failed to execute goal" line, at the end of the build.
            if (failedArtifact != null && line.startsWith("[ERROR]") && !line.startsWith("[ERROR] -> [Help")) {
                Module mod = module(failedArtifact);
                if (failedPlugin.contains("surefire")) {
                    classifySurefire(mod, line);
                } else if (failedPlugin.contains("compiler")) {
                    compileError(mod, line, failedPlugin.endsWith(":testCompile"));
                }
            } else if (line.startsWith("[ERROR] -> [Help")) {
                failedArtifact = null;
            }
            return;
        }
        Module mod = module(artifact);
        if (goal.startsWith("compiler:")) {
            compileError(mod, line, goal.equals("compiler:testCompile"));
        } else if (goal.equals("surefire:test")) {
            classifySurefire(mod, line);
        }
    }

    private static void compileError(Module mod, String line, boolean tests) {
        Matcher e = COMPILE_ERROR.matcher(line);
        if (e.find()) {
            String file = e.group(1).replace('\\', '/');
            String where = file.substring(file.lastIndexOf('/') + 1) + ":" + e.group(2);
            String error = where + ": " + e.group(4).strip();
            List<String> list = tests ? mod.testCompileErrors : mod.compileErrors;
            if (!list.contains(error) && list.size() < 20) {
                list.add(error);
            }
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
