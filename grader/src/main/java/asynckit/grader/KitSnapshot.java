package asynckit.grader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The pristine kit a grading run trusts, laid out in a fresh folder outside the kit: the tracked files of
 * one git commit ({@code git archive}), or, where there is no git history, a copy of the kit's files
 * (build output, local state and quiz attempts left out; a link refuses the copy).
 *
 * <ul>
 *   <li>Instructor and batch modes: the commit checked out in the kit's folder ({@code HEAD}); uncommitted
 *       changes there are not used, and the report says so.</li>
 *   <li>Self mode (the learner's clone grades itself): a reference commit the learner cannot change along
 *       with the tests without rewriting history: {@code -Dgrade.reference} or {@code KIT_GRADE_REFERENCE},
 *       else the merge-base with the remote named {@code upstream}, else with the branch's upstream
 *       ({@code @{upstream}}), else the repository's first (root) commit.</li>
 * </ul>
 *
 * @param root        the snapshot's folder
 * @param description what it is, for the report ("commit 1a2b3c4 (merge-base with origin/main)")
 * @param notes       things worth saying (uncommitted changes left out, a shallow clone)
 */
record KitSnapshot(Path root, String description, List<String> notes) {
    static final String REFERENCE_VARIABLE = "KIT_GRADE_REFERENCE";

    /** The kit as instructor and batch modes trust it: its HEAD commit, or a copy when it has no git history. */
    static KitSnapshot ofKit(Path kit, Path dest) throws IOException {
        kit = kit.toAbsolutePath().normalize();
        if (isGitTop(kit)) {
            String head = git(kit, "rev-parse", "--verify", "HEAD^{commit}").strip();
            List<String> notes = new ArrayList<>();
            String dirty = git(kit, "status", "--porcelain", "--untracked-files=no").strip();
            if (!dirty.isEmpty()) {
                notes.add("the kit's folder has " + dirty.lines().count() + " uncommitted change(s); grading used its"
                        + " last commit " + head.substring(0, 10) + " (commit them to grade with them)");
            }
            archive(kit, head, dest);
            return new KitSnapshot(dest, "the kit's commit " + head.substring(0, 10), notes);
        }
        FileTrees.copyKit(kit, dest, Set.of("quizzes/attempts"));
        return new KitSnapshot(dest, "a copy of " + kit + " (not a git repository)", List.of());
    }

    /**
     * The reference a learner's own clone is checked against (self mode).
     *
     * @param explicit a commit named by the user (-Dgrade.reference), or null/blank
     */
    static KitSnapshot ofReference(Path repo, String explicit, Path dest) throws IOException {
        repo = repo.toAbsolutePath().normalize();
        String named = explicit != null && !explicit.isBlank() ? explicit.strip() : System.getenv(REFERENCE_VARIABLE);
        if (!isGitTop(repo)) {
            if (named != null && !named.isBlank()) {
                throw new IOException("a reference commit was named (" + named + ") but " + repo
                        + " is not a git repository");
            }
            FileTrees.copyKit(repo, dest, Set.of("quizzes/attempts"));
            return new KitSnapshot(dest, "this folder's own files (no git history: the tests and build files could"
                    + " not be checked against a reference)", List.of("no git history: the tests were not checked"));
        }
        List<String> notes = new ArrayList<>();
        String commit;
        String how;
        if (named != null && !named.isBlank()) {
            commit = tryGit(repo, "rev-parse", "--verify", named + "^{commit}");
            if (commit == null) {
                throw new IOException("the reference commit '" + named + "' does not exist in " + repo);
            }
            how = "named by " + (explicit != null && !explicit.isBlank() ? "-Dgrade.reference" : REFERENCE_VARIABLE);
        } else {
            commit = null;
            how = null;
            for (String ref : List.of("refs/remotes/upstream/HEAD", "refs/remotes/upstream/main",
                    "refs/remotes/upstream/master")) {
                String base = tryGit(repo, "merge-base", "HEAD", ref);
                if (base != null) {
                    commit = base;
                    how = "merge-base with " + ref.substring("refs/remotes/".length());
                    break;
                }
            }
            if (commit == null) {
                String upstream = tryGit(repo, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}");
                if (upstream != null) {
                    String base = tryGit(repo, "merge-base", "HEAD", "@{upstream}");
                    if (base != null) {
                        commit = base;
                        how = "merge-base with " + upstream.strip();
                    }
                }
            }
            if (commit == null) {
                String roots = tryGit(repo, "rev-list", "--max-parents=0", "HEAD");
                if (roots == null || roots.isBlank()) {
                    throw new IOException(repo + " has no commit to check the tests against");
                }
                List<String> all = roots.strip().lines().toList();
                commit = all.get(all.size() - 1);
                how = "the repository's first commit";
                if ("true".equals(String.valueOf(tryGit(repo, "rev-parse", "--is-shallow-repository")).strip())) {
                    how = "the oldest commit of this shallow clone";
                    notes.add("a shallow clone: the reference is its oldest commit (fetch the whole history, or name"
                            + " a reference with -Dgrade.reference)");
                }
            }
        }
        commit = commit.strip();
        archive(repo, commit, dest);
        return new KitSnapshot(dest, "commit " + commit.substring(0, 10) + " (" + how + ")", notes);
    }

    private static boolean isGitTop(Path dir) {
        String top = tryGit(dir, "rev-parse", "--show-toplevel");
        if (top == null) {
            return false;
        }
        try {
            return Path.of(top.strip()).toRealPath().equals(dir.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /** Extracts the tracked files of {@code commit} into {@code dest} (which must not exist or be empty). */
    private static void archive(Path repo, String commit, Path dest) throws IOException {
        Files.createDirectories(dest);
        List<ProcessBuilder> pipeline = List.of(
                gitBuilder(repo, "archive", "--format=tar", commit).redirectError(ProcessBuilder.Redirect.DISCARD),
                new ProcessBuilder("tar", "-x", "-f", "-", "-C", dest.toString())
                        .redirectError(ProcessBuilder.Redirect.DISCARD));
        List<Process> processes = ProcessBuilder.startPipeline(pipeline);
        try {
            for (Process p : processes) {
                if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    processes.forEach(Process::destroyForcibly);
                    throw new IOException("could not extract commit " + commit + " of " + repo + " (git archive | tar)");
                }
            }
        } catch (InterruptedException e) {
            processes.forEach(Process::destroyForcibly);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while extracting the kit", e);
        }
        List<String> links = new ArrayList<>();
        FileTrees.listFiles(dest, links);
        if (!links.isEmpty()) {
            throw new IOException("the kit's commit " + commit + " holds links, which grading does not follow: " + links);
        }
    }

    static ProcessBuilder gitBuilder(Path repo, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        for (String v : List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
                "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CEILING_DIRECTORIES")) {
            pb.environment().remove(v);
        }
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        return pb;
    }

    static String git(Path repo, String... args) throws IOException {
        String out = tryGit(repo, args);
        if (out == null) {
            throw new IOException("git " + String.join(" ", args) + " failed in " + repo);
        }
        return out;
    }

    /** The output of a git command, or null when git is missing or the command failed. */
    static String tryGit(Path repo, String... args) {
        try {
            Process p = gitBuilder(repo, args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
