package dev.nacre.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's profile of a worker pool: where each runtime's CPU goes, by component, and which of
 * Nacre's methods (with what they call) take most of it. This is the JFR profile the issue asks for
 * where a warm-mode target is missed (the pools against the bare-HTTP floor).
 */
record ProfileReport(Map<String, CpuProfile> profiles, Scenario scenario, int batches, int queries) {
    static final String TITLE = "Where a worker pool's CPU goes (JFR)";
    private static final int METHODS = 12;

    String markdown() {
        var out = new StringBuilder("## ").append(TITLE).append("\n\n");
        out.append(String.format(Locale.ROOT, """
                %d more batches of the %s per runtime, right after the warm scenarios above (so the JIT is done with the code), \
                under JFR's CPU-time sampler (`jdk.CPUTimeSample`, JDK 25): it samples threads as they use CPU, in Java \
                and in native code, so SQLite's C counts for the sqlite-jdbc method that called it. A sample counts for \
                the innermost frame of a known component, so JDK code (collections, SHA-256) counts for the component \
                that called it. Cells are shares of each runtime's samples; the kernel delivers samples on its timer \
                ticks, so their number is small and only shares of several percent mean much. The JVM's own threads \
                (JIT, GC) are not sampled; the last row is the whole process's CPU per query, theirs included.

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
        for (String c : ordered) {
            var row = new ArrayList<>(List.of(c));
            for (String l : labels) row.add(percent(profiles.get(l).share(c)));
            out.append(Table.line(row));
        }
        var samples = new ArrayList<>(List.of("samples"));
        var cpu = new ArrayList<>(List.of("process CPU per query, every thread (µs)"));
        for (String l : labels) {
            samples.add(String.valueOf(profiles.get(l).samples()));
            cpu.add(Table.number(profiles.get(l).cpuMicrosPerQuery()));
        }
        out.append(Table.line(samples)).append(Table.line(cpu)).append('\n');
        out.append(methods(labels));
        return out.toString();
    }

    /** The first runtime's top Nacre methods, with their shares in the runtimes that run Nacre. */
    private String methods(List<String> labels) {
        var nacre = labels.stream().filter(l -> l.startsWith("Nacre")).toList();
        if (nacre.isEmpty()) return "";
        var out = new StringBuilder("Nacre's methods with the most samples in " + nacre.getFirst()
                + ", each with the library and JDK code it calls (shares of all samples):\n\n");
        var header = new ArrayList<>(List.of("method"));
        header.addAll(nacre);
        out.append(Table.line(header)).append(Table.line(Table.align(header.size())));
        var top = profiles.get(nacre.getFirst()).methods();
        for (var m : top.subList(0, Math.min(METHODS, top.size()))) {
            var row = new ArrayList<>(List.of("`" + m.name() + "`"));
            for (String l : nacre) row.add(percent(methodShare(profiles.get(l), m.name())));
            out.append(Table.line(row));
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
