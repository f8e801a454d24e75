package dev.nacre.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What fuel metering costs CPU-bound guests: the same module compiled by Endive as it is and after
 * {@code Fuel.instrument}, runs of the two alternating so drift in the machine's load hits both
 * alike. Each run is a fresh instance + {@code _start}; both must print the same.
 *
 * <p>Measured twice: in the bench's own JVM, after everything the bench ran before (as in a server
 * that has run other guests), and in fresh JVMs that run only these workloads, one after another
 * (forks, as JMH's). C2 compiles the big metered functions and Endive's shared helpers differently
 * from one JVM to the next, so one JVM's ratio says little: the fresh JVMs' column is the median of
 * their ratios, with the lowest and highest beside it.
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
        var here = inProcess(workloads);
        var forks = new ArrayList<Map<String, Fork>>();
        for (int i = 0; i < iterations.cpuForks(); i++) forks.add(forked(workloads));
        var rows = new ArrayList<TextTable.Row>();
        var meteredStats = new LinkedHashMap<String, Stats>();
        for (var w : workloads) {
            Fork local = here.get(w.label());
            var ps = local.plain().stats();
            var ms = local.metered().stats();
            meteredStats.put(w.label(), ms);
            double[] wall = new double[forks.size()];
            double[] cpu = new double[forks.size()];
            for (int f = 0; f < forks.size(); f++) {
                Fork fork = forks.get(f).get(w.label());
                // Fuel is deterministic: every JVM must count the same units as this one.
                if (fork.fuel() != local.fuel()) {
                    throw new IllegalStateException(w.label() + ": fuel used " + fork.fuel() + " in a fresh JVM, " + local.fuel() + " here");
                }
                wall[f] = (double) fork.metered().stats().median() / fork.plain().stats().median();
                cpu[f] = fork.cpuRatio();
            }
            Arrays.sort(wall);
            Arrays.sort(cpu);
            rows.add(new TextTable.Row(w.label(), List.of(Integer.toString(ms.n()), Table.number(ps.median() / 1e6),
                    Table.number(ms.median() / 1e6), Table.ratio((double) ms.median() / ps.median()),
                    forks.isEmpty() ? "—" : across(wall), forks.isEmpty() ? "—" : across(cpu), String.format("%,d", local.fuel()))));
        }
        return new Result(rows, meteredStats);
    }

    /** One JVM's measurement of one workload: its samples, its median CPU-time pair ratio, the fuel used. */
    record Fork(Samples plain, Samples metered, double cpuRatio, long fuel) {}

    /** The median of the forks' ratios, and their range when there is more than one. */
    static String across(double[] sorted) {
        String median = Table.ratio(sorted[sorted.length / 2]);
        return sorted.length == 1 ? median : median + " (" + Table.ratio(sorted[0]) + "–" + Table.ratio(sorted[sorted.length - 1]) + ")";
    }

    private Map<String, Fork> inProcess(List<WasmWorkload> workloads) {
        var forks = new LinkedHashMap<String, Fork>();
        for (var w : workloads) {
            var plain = BareEndive.compile(w.wasm(), false);
            var metered = BareEndive.compile(w.wasm(), true);
            var discard = new Samples();
            for (int i = 0; i < iterations.cpuWarmupRuns(); i++) {
                var a = run(plain, w, discard);
                var b = run(metered, w, discard);
                if (!Arrays.equals(a.stdout(), b.stdout())) throw new IllegalStateException(w.label() + ": the instrumented module printed something else");
            }
            var p = new Samples();
            var m = new Samples();
            var cpuRatios = new double[iterations.cpuRuns()];
            long fuel = 0;
            for (int i = 0; i < iterations.cpuRuns(); i++) {
                long c0 = CPU.getCurrentThreadCpuTime();
                run(plain, w, p);
                long c1 = CPU.getCurrentThreadCpuTime();
                fuel = run(metered, w, m).fuelUsed();
                cpuRatios[i] = (double) (CPU.getCurrentThreadCpuTime() - c1) / (c1 - c0);
            }
            Arrays.sort(cpuRatios);
            forks.put(w.label(), new Fork(p, m, cpuRatios[cpuRatios.length / 2], fuel));
        }
        return forks;
    }

    /** Runs {@link #main} in a JVM of its own, with this one's class path and JIT flags. */
    private Map<String, Fork> forked(List<WasmWorkload> workloads) {
        try {
            Path out = Files.createTempFile("nacre-fuel-fork", ".tsv");
            try {
                var command = List.of(Jdk.java().toString(), "--enable-native-access=ALL-UNNAMED", "-Xms256m",
                        "-XX:-DontCompileHugeMethods", "-Dnacre.bench.root=" + Main.repoRoot(), "-cp", System.getProperty("java.class.path"),
                        FuelBench.class.getName(), Integer.toString(iterations.cpuInputBytes()),
                        Integer.toString(iterations.cpuWarmupRuns()), Integer.toString(iterations.cpuRuns()));
                var process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                int exit = process.waitFor();
                if (exit != 0) throw new IllegalStateException("a fuel benchmark fork exited " + exit);
                return parse(Files.readAllLines(out), workloads);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a fuel benchmark fork ran", e);
        }
    }

    /** A fork's output: per workload (in order), "plain" and "metered" lines of nanoseconds, then "cpu" and "fuel". */
    private static Map<String, Fork> parse(List<String> lines, List<WasmWorkload> workloads) {
        var forks = new LinkedHashMap<String, Fork>();
        int at = 0;
        for (var w : workloads) {
            var plain = new Samples();
            var metered = new Samples();
            for (String n : field(lines.get(at++), "plain")) plain.add(Long.parseLong(n));
            for (String n : field(lines.get(at++), "metered")) metered.add(Long.parseLong(n));
            double cpu = Double.parseDouble(field(lines.get(at++), "cpu")[0]);
            long fuel = Long.parseLong(field(lines.get(at++), "fuel")[0]);
            forks.put(w.label(), new Fork(plain, metered, cpu, fuel));
        }
        return forks;
    }

    private static String[] field(String line, String name) {
        if (!line.startsWith(name + " ")) throw new IllegalStateException("a fuel benchmark fork printed '" + line + "', not " + name);
        return line.substring(name.length() + 1).split(" ");
    }

    /** A fork: {@code inputBytes warmupRuns runs}; prints what {@link #parse} reads. */
    public static void main(String[] args) {
        int inputBytes = Integer.parseInt(args[0]);
        var iterations = new WasmIterations(0, 0, Integer.parseInt(args[1]), Integer.parseInt(args[2]), inputBytes,
                java.time.Duration.ZERO, 0, 0);
        var workloads = Workloads.cpuBound(new Guests(Main.repoRoot()), inputBytes);
        var forks = new FuelBench(iterations).inProcess(workloads);
        var out = new StringBuilder();
        for (var w : workloads) {
            Fork f = forks.get(w.label());
            out.append("plain ").append(nanos(f.plain())).append('\n');
            out.append("metered ").append(nanos(f.metered())).append('\n');
            out.append("cpu ").append(f.cpuRatio()).append('\n');
            out.append("fuel ").append(f.fuel()).append('\n');
        }
        System.out.print(out);
    }

    private static String nanos(Samples samples) {
        return String.join(" ", Arrays.stream(samples.values()).mapToObj(Long::toString).toList());
    }

    private static BareEndive.Output run(BareEndive code, WasmWorkload w, Samples into) {
        long start = System.nanoTime();
        var out = code.run(w.argv(), w.stdin());
        into.add(System.nanoTime() - start);
        if (out.exitCode() != 0) throw new IllegalStateException(w.label() + ": exited " + out.exitCode());
        return out;
    }
}
