package dev.nacre.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What fuel metering costs CPU-bound guests: the same module compiled by Endive as it is and after
 * {@code Fuel.instrument}, in this process, runs of the two alternating so drift in the machine's
 * load hits both alike. Each run is a fresh instance + {@code _start}; both must print the same.
 */
final class FuelBench {
    static final double TARGET = 1.3;
    /** The thread's CPU time as well: unlike wall time it does not count time descheduled by other work on the machine. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /** The table's rows, and the instrumented medians by workload label for the Node comparison. */
    record Result(List<TextTable.Row> rows, Map<String, Stats> metered) {}

    private final WasmIterations iterations;

    FuelBench(WasmIterations iterations) {
        this.iterations = iterations;
    }

    Result measure(List<WasmWorkload> workloads) {
        var rows = new ArrayList<TextTable.Row>();
        var meteredStats = new LinkedHashMap<String, Stats>();
        for (var w : workloads) {
            var plain = BareEndive.compile(w.wasm(), false);
            var metered = BareEndive.compile(w.wasm(), true);
            var discard = new Samples();
            long fuel = 0;
            for (int i = 0; i < iterations.cpuWarmupRuns(); i++) {
                var a = run(plain, w, discard);
                var b = run(metered, w, discard);
                if (!Arrays.equals(a.stdout(), b.stdout())) throw new IllegalStateException(w.label() + ": the instrumented module printed something else");
                fuel = b.fuelUsed();
            }
            var p = new Samples();
            var m = new Samples();
            var cpuRatios = new double[iterations.cpuRuns()];
            for (int i = 0; i < iterations.cpuRuns(); i++) {
                long c0 = CPU.getCurrentThreadCpuTime();
                run(plain, w, p);
                long c1 = CPU.getCurrentThreadCpuTime();
                fuel = run(metered, w, m).fuelUsed();
                cpuRatios[i] = (double) (CPU.getCurrentThreadCpuTime() - c1) / (c1 - c0);
            }
            Arrays.sort(cpuRatios);
            var ps = p.stats();
            var ms = m.stats();
            meteredStats.put(w.label(), ms);
            rows.add(new TextTable.Row(w.label(), List.of(Integer.toString(ms.n()), Table.number(ps.median() / 1e6),
                    Table.number(ms.median() / 1e6), Table.ratio((double) ms.median() / ps.median()),
                    spread(cpuRatios), String.format("%,d", fuel))));
        }
        return new Result(rows, meteredStats);
    }

    /**
     * The median of sorted pair ratios with their quartiles (the nearest ranks): the same build's
     * json_query ratio has measured from 1.16 to 1.49 in separate JVMs (the JIT compiles the big
     * metered functions differently each time), so the spread says how far to trust one run.
     */
    static String spread(double[] sorted) {
        int n = sorted.length;
        return Table.ratio(sorted[n / 2]) + " (" + Table.ratio(sorted[n / 4]) + "–" + Table.ratio(sorted[(3 * n) / 4]) + ")";
    }

    private static BareEndive.Output run(BareEndive code, WasmWorkload w, Samples into) {
        long start = System.nanoTime();
        var out = code.run(w.argv(), w.stdin());
        into.add(System.nanoTime() - start);
        if (out.exitCode() != 0) throw new IllegalStateException(w.label() + ": exited " + out.exitCode());
        return out;
    }
}
