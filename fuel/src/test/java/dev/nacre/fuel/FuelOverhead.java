package dev.nacre.fuel;

import dev.nacre.fuel.Guest.Mode;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Measures what fuel metering costs CPU-bound guests in Endive's compiled mode: the median time
 * of a call, instrumented over uninstrumented, and the median ratio of back-to-back pairs (steadier
 * when other work shares the machine). Not a test (timings are never asserted); run it
 * as described in the module README.
 */
public final class FuelOverhead {
    private static final String LOOP = """
            (module
              (func (export "loop") (param $n i32) (result i32) (local $i i32) (local $acc i32)
                (loop $next
                  (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 31)) (local.get $i)))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
                (local.get $acc)))
            """;

    private record Workload(String name, byte[] wasm, String export, long arg) {}

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        byte[] bench = Resources.benchWasm();
        byte[] loop = Guest.wat(LOOP);
        Workload[] workloads = {
            new Workload("wat tight loop", loop, "loop", 50_000_000),
            new Workload("c arith loop", bench, "arith", 20_000_000),
            new Workload("c fib(30)", bench, "fib", 30),
            new Workload("c sieve 1M", bench, "sieve", 1 << 20),
            new Workload("c qsort 64K", bench, "sort", 1 << 16),
        };
        System.out.printf("%-16s %10s %11s %6s %11s %12s%n",
                "guest", "plain ms", "metered ms", "ratio", "pair ratio", "fuel used");
        String only = System.getProperty("guest", "");
        for (Workload w : workloads) {
            if (!w.name.contains(only)) {
                continue;
            }
            Guest plain = Guest.wasi(w.wasm, Mode.COMPILER, OutputStream.nullOutputStream());
            Guest metered = Guest.wasi(Fuel.instrument(w.wasm), Mode.COMPILER, OutputStream.nullOutputStream());
            double[] plainTimes = new double[runs];
            double[] meteredTimes = new double[runs];
            double[] pairRatios = new double[runs];
            for (int round = -runs / 2; round < runs; round++) {
                // Alternate so that drift (JIT, GC, the other builds on this machine) hits both.
                double p = time(plain, w, false);
                double m = time(metered, w, true);
                if (round >= 0) {
                    plainTimes[round] = p;
                    meteredTimes[round] = m;
                    pairRatios[round] = m / p;
                }
            }
            long used = metered.fuelUsedBy(w.export, w.arg);
            double pm = median(plainTimes);
            double mm = median(meteredTimes);
            System.out.printf("%-16s %10.1f %11.1f %6.2f %11.2f %12d%n",
                    w.name, pm, mm, mm / pm, median(pairRatios), used);
        }
    }

    private static double time(Guest guest, Workload w, boolean metered) {
        if (metered) {
            guest.fuel(Long.MAX_VALUE);
        }
        long start = System.nanoTime();
        guest.call(w.export, w.arg);
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
