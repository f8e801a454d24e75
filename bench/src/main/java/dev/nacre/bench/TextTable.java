package dev.nacre.bench;

import java.util.ArrayList;
import java.util.List;

/** A table whose cells are already text: for measurements that are not one latency distribution (rates, ratios of two runs). */
record TextTable(String title, List<String> headers, List<Row> rows) implements Table {

    /** {@code cells} follow the label, one per header after the first. */
    record Row(String label, List<String> cells) {
        Row {
            cells = List.copyOf(cells);
        }
    }

    TextTable {
        headers = List.copyOf(headers);
        rows = List.copyOf(rows);
        for (Row r : rows) {
            if (r.cells().size() != headers.size() - 1) throw new IllegalArgumentException("row " + r.label() + " does not fit the headers");
        }
    }

    @Override
    public List<String> labels() {
        return rows.stream().map(Row::label).toList();
    }

    @Override
    public String markdown() {
        var out = new StringBuilder();
        out.append(Table.line(headers));
        out.append(Table.line(headers.stream().map(h -> h.equals(headers.getFirst()) ? "---" : "---:").toList()));
        for (Row r : rows) {
            var cells = new ArrayList<String>();
            cells.add(r.label());
            cells.addAll(r.cells());
            out.append(Table.line(cells));
        }
        return out.toString();
    }
}
