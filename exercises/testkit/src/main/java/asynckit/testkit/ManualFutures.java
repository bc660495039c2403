package asynckit.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Named futures that the test creates and completes by hand, one step at a time, for exercises about
 * code that combines futures it is given (gather, first-of, timeouts). No clock is involved: the test
 * chooses the order in which inputs complete, and continuations the code attached run on the test's
 * thread inside {@link #complete} and {@link #fail}.
 *
 * <p>Every step is logged with a snapshot of each input and of each watched result, so a failure
 * message can draw exactly what happened:
 *
 * <pre>
 *   step                      a         b                      c         all(a, b, c)
 *   all(a, b, c) returned     pending   pending                pending   pending
 *   b completed               pending   "B"                    pending   pending
 *   c failed                  pending   "B"                    X IOE...  pending
 *   waited 2000 ms            pending   "B"                    X IOE...  pending
 * </pre>
 *
 * @param <T> the type of the inputs' values
 */
public final class ManualFutures<T> {
    private static final int INPUT_WIDTH = 28;
    private static final int WATCHED_WIDTH = 72;
    private static final int STEP_WIDTH = 34;

    private final Map<String, CompletableFuture<T>> inputs = new LinkedHashMap<>();
    private final List<Watched<?>> watched = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private final Waits waits = new Waits("input");

    private record Watched<V>(String label, CompletableFuture<V> future, Function<? super V, String> describe) {
        String state() {
            return switch (future.state()) {
                case RUNNING -> "pending";
                case SUCCESS -> "done: " + describe.apply(future.resultNow());
                case FAILED -> "failed: " + describeError(future.exceptionNow());
                case CANCELLED -> "cancelled";
            };
        }
    }

    private record Row(String step, List<String> cells) {}

    private ManualFutures(List<String> names) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("name at least one input");
        }
        for (String name : names) {
            if (inputs.put(name, waits.future()) != null) {
                throw new IllegalArgumentException("duplicate input name " + name);
            }
        }
    }

    /** Pending inputs with these names, in this order. */
    public static <T> ManualFutures<T> named(String... names) {
        return new ManualFutures<>(List.of(names));
    }

    /** The input with this name. */
    public CompletableFuture<T> get(String name) {
        CompletableFuture<T> future = inputs.get(name);
        if (future == null) {
            throw new IllegalArgumentException("no input named " + name + "; inputs are " + inputs.keySet());
        }
        return future;
    }

    /** Every thread that parked waiting for an input (or a stage derived from one) while it was pending. */
    public Waits waits() {
        return waits;
    }

    /** Every input, in the order they were named. */
    public List<CompletableFuture<T>> all() {
        return List.copyOf(inputs.values());
    }

    public List<String> names() {
        return List.copyOf(inputs.keySet());
    }

    /** Adds a column for {@code result} (e.g. the future the code under test returned) to every later row. */
    public synchronized <V> CompletableFuture<V> watch(String label, CompletableFuture<V> result) {
        return watch(label, result, String::valueOf);
    }

    /** As {@link #watch(String, CompletableFuture)}, describing its value with {@code describe}. */
    public synchronized <V> CompletableFuture<V> watch(String label, CompletableFuture<V> result,
                                                       Function<? super V, String> describe) {
        if (result != null) {
            watched.add(new Watched<>(label, result, describe));
        }
        return result;
    }

    /** Completes the input with {@code value} and logs the step. */
    public void complete(String name, T value) {
        get(name).complete(value);
        step(name + " completed");
    }

    /** Fails the input with {@code error} and logs the step. */
    public void fail(String name, Throwable error) {
        get(name).completeExceptionally(error);
        step(name + " failed");
    }

    /** Logs a row: {@code description} and the state of every input and watched result right now. */
    public synchronized void step(String description) {
        List<String> cells = new ArrayList<>();
        for (CompletableFuture<T> input : inputs.values()) {
            cells.add(inputState(input));
        }
        for (Watched<?> w : watched) {
            cells.add(w.state());
        }
        rows.add(new Row(description, cells));
    }

    /** How many inputs are still pending. */
    public long pending() {
        return inputs.values().stream().filter(f -> f.state() == java.util.concurrent.Future.State.RUNNING).count();
    }

    /** Completes every still-pending input with {@code answer}; for clean-up (not logged). */
    public void completePending(Function<String, T> answer) {
        inputs.forEach((name, future) -> future.complete(answer.apply(name)));
    }

    /** The log as a table, one row per step. */
    public synchronized String render() {
        List<String> headers = new ArrayList<>(inputs.keySet());
        watched.forEach(w -> headers.add(w.label()));
        int columns = headers.size();
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            int cap = c < inputs.size() ? INPUT_WIDTH : WATCHED_WIDTH;
            widths[c] = Math.min(cap, headers.get(c).length());
            for (Row row : rows) {
                if (c < row.cells().size()) {
                    widths[c] = Math.max(widths[c], Math.min(cap, row.cells().get(c).length()));
                }
            }
        }
        int stepWidth = Math.max(4, Math.min(STEP_WIDTH, rows.stream().mapToInt(r -> r.step().length()).max().orElse(4)));
        StringBuilder out = new StringBuilder();
        appendLine(out, "step", stepWidth, headers, widths);
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(row.cells());
            while (cells.size() < columns) {
                cells.add("");
            }
            appendLine(out, row.step(), stepWidth, cells, widths);
        }
        if (rows.isEmpty()) {
            out.append("(no steps were taken)\n");
        }
        return out.toString();
    }

    private static void appendLine(StringBuilder out, String step, int stepWidth, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder(pad(step, stepWidth));
        for (int c = 0; c < widths.length; c++) {
            line.append("   ").append(pad(cells.get(c), widths[c]));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String pad(String text, int width) {
        String cut = text.length() > width ? text.substring(0, width - 1) + "~" : text;
        return String.format(Locale.ROOT, "%-" + width + "s", cut);
    }

    private String inputState(CompletableFuture<T> input) {
        return switch (input.state()) {
            case RUNNING -> "pending";
            case SUCCESS -> String.valueOf(input.resultNow());
            case FAILED -> "X " + describeError(input.exceptionNow());
            case CANCELLED -> "cancelled";
        };
    }

    /** {@code IOException: message}, the way the table and failure messages show an error. */
    public static String describeError(Throwable error) {
        if (error == null) {
            return "null";
        }
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public String toString() {
        return render();
    }
}
