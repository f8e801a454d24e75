package dev.nacre.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One table of the report: a title, one row per measurement (named by its label), rendered as Markdown. */
sealed interface Table permits ResultTable, TextTable {
    String title();

    List<String> labels();

    String markdown();

    /** A Markdown table row. */
    static String line(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    /** Alignments for {@code n} columns: the first left, the rest right. */
    static List<String> align(int n) {
        var a = new ArrayList<String>();
        a.add("---");
        for (int i = 1; i < n; i++) a.add("---:");
        return a;
    }

    /** Three significant figures or so: 1.23, 12.3, 123. */
    static String number(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.2f" : v < 100 ? "%.1f" : "%.0f", v);
    }

    static String ratio(double x) {
        return String.format(Locale.ROOT, "%.2f×", x);
    }

    /** A duration with the unit that keeps it readable: µs under 10 ms, ms above. */
    static String duration(long nanos) {
        return nanos < 10_000_000 ? number(nanos / 1_000.0) + " µs" : number(nanos / 1_000_000.0) + " ms";
    }
}
