package asynckit.ex06.report;

import java.util.List;
import java.util.Locale;

/** Lays out the report (given; do not change it). Plain code: it neither waits nor starts anything. */
public final class ReportText {
    private ReportText() {}

    /**
     * The report's text: one line per store, in the order of {@code stores}, and a total.
     *
     * @param stores the stores, in the order the command was given them
     * @param cents  each store's sales in cents, in the same order as {@code stores}
     */
    public static String render(List<String> stores, List<Long> cents) {
        if (stores.size() != cents.size()) {
            throw new IllegalArgumentException(stores.size() + " stores but " + cents.size() + " sales figures");
        }
        StringBuilder out = new StringBuilder("Daily sales\n");
        long total = 0;
        for (int i = 0; i < stores.size(); i++) {
            out.append(line(stores.get(i), cents.get(i)));
            total += cents.get(i);
        }
        return out.append(line("total", total)).toString();
    }

    private static String line(String label, long cents) {
        return String.format(Locale.ROOT, "  %-10s %10d.%02d", label, cents / 100, cents % 100) + "\n";
    }
}
