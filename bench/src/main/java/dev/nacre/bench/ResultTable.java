package dev.nacre.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One table of results: a row per measurement, shown in one unit with its median and one tail percentile. */
record ResultTable(String title, Unit unit, Stats.Tail tail, Optional<String> ratioHeader, List<Row> rows) implements Table {

    /** A measurement. {@code ratio} is against the table's baseline row, when the table has one. */
    record Row(String label, Stats stats, Optional<Double> ratio) {}

    enum Unit {
        MICROS("µs", 1_000.0), MILLIS("ms", 1_000_000.0);

        final String symbol;
        final double nanos;

        Unit(String symbol, double nanos) {
            this.symbol = symbol;
            this.nanos = nanos;
        }
    }

    ResultTable {
        rows = List.copyOf(rows);
    }

    @Override
    public List<String> labels() {
        return rows.stream().map(Row::label).toList();
    }

    @Override
    public String markdown() {
        var header = new ArrayList<>(List.of("measurement", "n", "median (" + unit.symbol + ")", tail.label + " (" + unit.symbol + ")"));
        ratioHeader.ifPresent(header::add);
        var out = new StringBuilder();
        out.append(Table.line(header));
        out.append(Table.line(header.stream().map(h -> h.equals(header.getFirst()) ? "---" : "---:").toList()));
        for (Row r : rows) {
            var cells = new ArrayList<>(List.of(r.label(), Integer.toString(r.stats().n()),
                    format(r.stats().median()), format(r.stats().tail(tail))));
            if (ratioHeader.isPresent()) cells.add(r.ratio().map(x -> String.format(Locale.ROOT, "%.1f×", x)).orElse(""));
            out.append(Table.line(cells));
        }
        return out.toString();
    }

    private String format(long nanos) {
        return Table.number(nanos / unit.nanos);
    }
}
