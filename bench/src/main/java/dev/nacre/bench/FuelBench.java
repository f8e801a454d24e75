package dev.nacre.bench;

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
            for (int i = 0; i < iterations.cpuRuns(); i++) {
                run(plain, w, p);
                fuel = run(metered, w, m).fuelUsed();
            }
            var ps = p.stats();
            var ms = m.stats();
            meteredStats.put(w.label(), ms);
            rows.add(new TextTable.Row(w.label(), List.of(Integer.toString(ms.n()), Table.number(ps.median() / 1e6),
                    Table.number(ms.median() / 1e6), Table.ratio((double) ms.median() / ps.median()), String.format("%,d", fuel))));
        }
        return new Result(rows, meteredStats);
    }

    private static BareEndive.Output run(BareEndive code, WasmWorkload w, Samples into) {
        long start = System.nanoTime();
        var out = code.run(w.argv(), w.stdin());
        into.add(System.nanoTime() - start);
        if (out.exitCode() != 0) throw new IllegalStateException(w.label() + ": exited " + out.exitCode());
        return out;
    }
}
