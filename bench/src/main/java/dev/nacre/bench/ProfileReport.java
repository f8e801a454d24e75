package dev.nacre.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The report's profile of a worker pool: where each runtime's CPU goes, by component, and which of
 * Nacre's methods (with what they call) take most of it. This is the JFR profile the issue asks for
 * where a warm-mode target is missed (the pools against the bare-HTTP floor).
 *
 * @param profiles by runtime label, in column order
 * @param nacre    the labels of the runtimes that run Nacre, whose methods get a table (the first one's top methods)
 */
record ProfileReport(Map<String, CpuProfile> profiles, List<String> nacre, Scenario scenario, int batches, int queries) {
    static final String TITLE = "Where a worker pool's CPU goes (JFR)";
    private static final int METHODS = 12;

    String markdown() {
        var out = new StringBuilder("## ").append(TITLE).append("\n\n");
        out.append(String.format(Locale.ROOT, """
                %d more batches of the %s per runtime, right after the warm scenarios above (so the JIT is done with \
                the code), under JFR's CPU-time sampler (`jdk.CPUTimeSample`, JDK 25, 1 ms): it samples threads as \
                they use CPU, in Java and in native code, so SQLite's C counts for the sqlite-jdbc method that called \
                it. A sample anywhere in the scripted model server (it runs in the same JVM) counts for the server; any \
                other counts for the innermost frame of a known component, so JDK code (collections, SHA-256) counts \
                for the component that called it. Cells are shares of each runtime's sampled CPU time. Not sampled: the \
                JVM's own threads (JIT, GC) and time a thread spends inside the JVM itself (allocation slow paths, \
                stack traces for exceptions), which JFR counts as lost; compare the last two rows. Shares under a few \
                percent are within one run's noise.

                """, batches, scenario.label(queries)));
        var labels = List.copyOf(profiles.keySet());
        var header = new ArrayList<>(List.of("component"));
        header.addAll(labels);
        out.append(Table.line(header)).append(Table.line(Table.align(header.size())));
        var components = new LinkedHashSet<String>();
        profiles.values().forEach(p -> p.components().forEach(s -> components.add(s.name())));
        var ordered = new ArrayList<>(components);
        CpuProfile first = profiles.get(labels.getFirst());
        ordered.sort((a, b) -> Double.compare(first.share(b), first.share(a)));
        for (String c : ordered) out.append(row(c, labels, p -> percent(p.share(c))));
        out.append(row("samples (lost; without a stack)", labels,
                p -> p.samples() + " (" + p.lost() + "; " + p.withoutStack() + ")"));
        out.append(row("sampled CPU per query (µs)", labels, p -> Table.number(p.sampledMicrosPerQuery())));
        out.append(row("process CPU per query, every thread (µs)", labels, p -> Table.number(p.cpuMicrosPerQuery())));
        out.append('\n').append(methods());
        return out.toString();
    }

    /** A row named {@code name} with a cell per runtime of {@code labels}. */
    private String row(String name, List<String> labels, Function<CpuProfile, String> cell) {
        var row = new ArrayList<>(List.of(name));
        for (String l : labels) row.add(cell.apply(profiles.get(l)));
        return Table.line(row);
    }

    /** The first Nacre runtime's top methods, with their shares in every Nacre runtime. */
    private String methods() {
        var nacre = this.nacre.stream().filter(profiles::containsKey).toList();
        if (nacre.isEmpty()) return "";
        var out = new StringBuilder("Nacre's own methods with the most sampled CPU in " + nacre.getFirst()
                + ", each with the library and JDK code it calls"
                + " (shares of the runtime's sampled CPU; the scripted server left out):\n\n");
        var header = new ArrayList<>(List.of("method"));
        header.addAll(nacre);
        out.append(Table.line(header)).append(Table.line(Table.align(header.size())));
        var top = profiles.get(nacre.getFirst()).methods();
        for (var m : top.subList(0, Math.min(METHODS, top.size()))) {
            out.append(row("`" + m.name() + "`", nacre, p -> percent(methodShare(p, m.name()))));
        }
        return out.append('\n').toString();
    }

    private static double methodShare(CpuProfile p, String method) {
        return p.methods().stream().filter(s -> s.name().equals(method)).mapToDouble(p::share).sum();
    }

    private static String percent(double share) {
        return share == 0 ? "—" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
