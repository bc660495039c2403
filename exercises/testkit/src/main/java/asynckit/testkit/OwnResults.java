package asynckit.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The check that calls in flight together on one object each get their own result. Learners coming from
 * Python keep one call's state in a field ({@code self.pages = [...]}); the next call on the same object
 * replaces or adds to it while the first is still running, and one call hands back what the other asked
 * for. Give each call (what it asked for, what it should give, what it gave) and, where there is one, the
 * timeline of the calls they made; {@link #assertApart} fails when one call's result holds something
 * another call asked for and it did not, with one message layout for every exercise:
 *
 * <pre>{@code
 * OwnResults.<String>on("one PageFetcher")
 *         .call("fetchAll(a, b, c)", List.of("a", "b", "c"), pagesOfAbc, first)
 *         .call("fetchAll(d, e)", List.of("d", "e"), pagesOfDe, second)
 *         .timeline(service.timeline())
 *         .assertApart(MIXED_CALLS, "Keep what belongs to one call in that call's local variables.");
 * }</pre>
 *
 * <p>Which call an item of a result belongs to: by default, the call whose expected result holds it (an
 * item that both calls expect proves nothing and is never counted); with {@link #belongsTo}, the call that
 * asked for the key the item maps to (a profile to its user's handle), so that an item that is itself wrong
 * (a profile with another user's posts) still shows whose it is. A call that gave no value (still pending,
 * failed) is shown as such and holds nothing; the other calls are still compared.
 *
 * @param <E> the type of the items in each call's result
 */
public final class OwnResults<E> {
    private final String object;
    private final List<Call<E>> calls = new ArrayList<>();
    private Function<? super E, ?> belongsTo;
    private Timeline timeline;

    private OwnResults(String object) {
        this.object = object;
    }

    /**
     * The calls made on {@code object}, named as the message says it, e.g. {@code "one PageFetcher"}:
     * "Two calls were in flight on one PageFetcher".
     */
    public static <E> OwnResults<E> on(String object) {
        return new OwnResults<>(Objects.requireNonNull(object, "object"));
    }

    /** One call: its label, what it asked for, what right code gives, what it gave (null when it gave nothing). */
    private record Call<E>(String label, List<?> asked, List<E> expected, List<E> gave, String instead) {
        public Call {
            asked = List.copyOf(asked);
            expected = List.copyOf(expected);
            gave = gave == null ? null : new ArrayList<>(gave);   // may hold nulls: a learner's list, shown as it is
        }

        /** What the call gave, as the message says it. */
        String outcome() {
            return gave != null ? "gave " + gave : instead;
        }
    }

    /**
     * One call's result holding what another call asked for: {@code holder}'s result holds {@code items},
     * which belong to {@code owner} (the keys of {@link #belongsTo} when given, else the items themselves).
     */
    public record Mix(String holder, String owner, List<Object> items) {}

    /**
     * Maps an item of a result to the key a call asked for (a page to its URL, a profile to its user's handle). The
     * message then says what each call gave by these keys ("gave the results for ada, dee"), the whole items being
     * in the expected and actual values.
     */
    public OwnResults<E> belongsTo(Function<? super E, ?> owner) {
        this.belongsTo = Objects.requireNonNull(owner, "owner");
        return this;
    }

    /** A call that completed with {@code gave} (null if it gave no list: it is then shown as "gave null"). */
    public OwnResults<E> call(String label, List<?> asked, List<E> expected, List<E> gave) {
        calls.add(new Call<>(label, asked, expected, gave, gave == null ? "gave null" : null));
        return this;
    }

    /** A call as a {@link Settle}: a value is compared; still pending or failed is shown, and holds nothing. */
    public OwnResults<E> call(String label, List<?> asked, List<E> expected, Settle<? extends List<E>> settled) {
        if (settled.pending()) {
            calls.add(new Call<>(label, asked, expected, null, "was still pending"));
        } else if (settled.failed()) {
            calls.add(new Call<>(label, asked, expected, null, "failed with " + settled.failure()));
        } else {
            call(label, asked, expected, settled.value());
        }
        return this;
    }

    /** The timeline of the calls they made, drawn in the message (null: none). */
    public OwnResults<E> timeline(Timeline timeline) {
        this.timeline = timeline;
        return this;
    }

    /** Every result that holds what another call asked for, in call order; empty when each call kept to its own. */
    public List<Mix> mixes() {
        List<Mix> found = new ArrayList<>();
        for (Call<E> holder : calls) {
            if (holder.gave() == null) {
                continue;
            }
            for (Call<E> owner : calls) {
                if (owner == holder) {
                    continue;
                }
                Set<Object> items = new LinkedHashSet<>();
                for (E item : holder.gave()) {
                    if (item == null) {
                        continue;
                    }
                    if (belongsTo == null) {
                        if (owner.expected().contains(item) && !holder.expected().contains(item)) {
                            items.add(item);
                        }
                    } else {
                        Object key = belongsTo.apply(item);
                        if (key != null && owner.asked().contains(key) && !holder.asked().contains(key)) {
                            items.add(key);
                        }
                    }
                }
                if (!items.isEmpty()) {
                    found.add(new Mix(holder.label(), owner.label(), List.copyOf(items)));
                }
            }
        }
        return found;
    }

    /**
     * Fails with {@code mistake} when a call's result holds what another call asked for, saying what each
     * call asked for and gave, which result holds whose items, then {@code advice} (the exercise's own words:
     * where that state belongs), the timeline, and each call's expected and actual result. Returns quietly
     * otherwise, so the caller goes on to check each result on its own.
     */
    public void assertApart(Mistake mistake, String advice) {
        if (calls.size() < 2) {
            throw new IllegalStateException("OwnResults compares two calls or more; it was given " + calls.size());
        }
        List<Mix> mixes = mixes();
        if (mixes.isEmpty()) {
            return;
        }
        throw report(mistake, mixes, advice).failure();
    }

    private Teach.Report report(Mistake mistake, List<Mix> mixes, String advice) {
        Teach.Report report = mistake.report()
                .saw(count(calls.size()) + " calls were in flight on " + object + " at the same time:");
        for (Call<E> call : calls) {
            report.saw("- " + call.label() + " asked for " + join(call.asked()) + " and " + gave(call));
        }
        for (Mix mix : mixes) {
            report.saw(mix.holder() + "'s result holds what " + mix.owner() + " asked for: " + join(mix.items()) + ".");
        }
        Map<String, Object> expected = new LinkedHashMap<>();
        Map<String, Object> actual = new LinkedHashMap<>();
        for (Call<E> call : calls) {
            expected.put(call.label(), call.expected());
            actual.put(call.label(), call.gave() != null ? call.gave() : "(" + call.outcome() + ")");
        }
        if (advice != null && !advice.isBlank()) {
            report.saw(advice);
        }
        return report.timeline(timeline)
                .expected(expected)
                .actual(actual);
    }

    /**
     * What a call gave: its items as they are, or with {@link #belongsTo} (items too long to read in a line, like
     * whole records) whose they are; the items themselves are in the expected and actual values below.
     */
    private String gave(Call<E> call) {
        if (call.gave() == null || belongsTo == null) {
            return call.outcome();
        }
        List<String> owners = call.gave().stream()
                .map(item -> item == null ? "null" : String.valueOf(belongsTo.apply(item)))
                .toList();
        return owners.isEmpty() ? "gave an empty list" : "gave the results for " + join(owners);
    }

    private static String count(int n) {
        return switch (n) {
            case 2 -> "Two";
            case 3 -> "Three";
            default -> String.valueOf(n);
        };
    }

    private static String join(List<?> items) {
        return items.isEmpty() ? "nothing" : items.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
