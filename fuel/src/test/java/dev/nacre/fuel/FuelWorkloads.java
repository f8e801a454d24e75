package dev.nacre.fuel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import run.endive.compiler.MachineFactoryCompiler;
import run.endive.log.Logger;
import run.endive.runtime.ExecutionCompletedException;
import run.endive.runtime.ImportValues;
import run.endive.runtime.Instance;
import run.endive.runtime.Machine;
import run.endive.wasi.WasiExitException;
import run.endive.wasi.WasiOptions;
import run.endive.wasi.WasiPreview1;
import run.endive.wasm.Parser;
import run.endive.wasm.WasmModule;

/**
 * The bench module's fuel workloads (text_stats and json_query on ~1.5 MB of generated input,
 * collatz.wat, fib.wat), reproduced without depending on bench: each run is a fresh instance and
 * {@code _start}, plain and metered alternating; prints medians, the median of pair ratios, and the
 * median of pair ratios of the thread's CPU time (steadier when other work shares the machine).
 * Not a test; run from the repository root as described in the README.
 */
public final class FuelWorkloads {
    /** Thread CPU time as well as wall time: the machine is often shared, and CPU time ignores time spent descheduled. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final String QUERY = "[.items[] | select(.price > 50) | .price] | add";
    private static final long FUEL = 100_000_000_000L;
    private static final Logger QUIET = new Logger() {
        @Override
        public void log(Level level, String msg, Throwable throwable) {}

        @Override
        public boolean isLoggable(Level level) {
            return false;
        }
    };

    record Workload(String name, byte[] wasm, List<String> argv, byte[] stdin) {}

    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        String only = System.getProperty("guest", "");
        Path root = Path.of(System.getProperty("root", ".."));
        int bytes = 1_500_000;
        Path dist = root.resolve("guests/dist");
        Path own = root.resolve("bench/src/main/resources/dev/nacre/bench/wasm");
        List<Workload> all = List.of(
                new Workload("text_stats", Files.readAllBytes(dist.resolve("text_stats.wasm")),
                        List.of("text_stats", "call", "text_stats"),
                        ("{\"text\":" + quote(text(bytes, new Random(1))) + ",\"format\":\"text\"}").getBytes(StandardCharsets.UTF_8)),
                new Workload("json_query", Files.readAllBytes(dist.resolve("json_query.wasm")),
                        List.of("json_query", "call", "json_query"),
                        ("{\"json\":" + document(bytes, new Random(2)) + ",\"query\":" + quote(QUERY) + "}").getBytes(StandardCharsets.UTF_8)),
                new Workload("collatz", Files.readAllBytes(own.resolve("collatz.wasm")), List.of("collatz"), new byte[0]),
                new Workload("fib", Files.readAllBytes(own.resolve("fib.wasm")), List.of("fib"), new byte[0]));
        System.out.printf("%-12s %10s %11s %6s %11s %10s %14s%n", "guest", "plain ms", "metered ms", "ratio", "pair ratio",
                "cpu ratio", "fuel used");
        for (Workload w : all) {
            if (!w.name.contains(only)) {
                continue;
            }
            Compiled plain = new Compiled(w.wasm, false);
            Compiled metered = new Compiled(w.wasm, true);
            double[] p = new double[runs];
            double[] m = new double[runs];
            double[] r = new double[runs];
            double[] cpu = new double[runs];
            long fuel = 0;
            for (int round = -Math.max(5, runs / 2); round < runs; round++) {
                long c0 = CPU.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                byte[] a = plain.run(w);
                long t1 = System.nanoTime();
                long c1 = CPU.getCurrentThreadCpuTime();
                byte[] b = metered.run(w);
                long t2 = System.nanoTime();
                long c2 = CPU.getCurrentThreadCpuTime();
                fuel = metered.used;
                if (!Arrays.equals(a, b)) {
                    throw new IllegalStateException(w.name + ": metered output differs");
                }
                if (round >= 0) {
                    p[round] = (t1 - t0) / 1e6;
                    m[round] = (t2 - t1) / 1e6;
                    r[round] = m[round] / p[round];
                    cpu[round] = (double) (c2 - c1) / (c1 - c0);
                }
            }
            System.out.printf("%-12s %10.1f %11.1f %6.2f %11.2f %10.2f %,14d%n", w.name, median(p), median(m),
                    median(m) / median(p), median(r), median(cpu), fuel);
        }
    }

    private static final class Compiled {
        final WasmModule module;
        final Function<Instance, Machine> machines;
        final boolean metered;
        long used;

        Compiled(byte[] wasm, boolean metered) {
            this.module = Parser.parse(metered ? Fuel.instrument(wasm) : wasm);
            this.machines = MachineFactoryCompiler.compile(module);
            this.metered = metered;
        }

        byte[] run(Workload w) {
            var stdout = new ByteArrayOutputStream();
            var options = WasiOptions.builder().withArguments(w.argv)
                    .withStdin(new ByteArrayInputStream(w.stdin), false)
                    .withStdout(stdout, false)
                    .withStderr(ByteArrayOutputStream.nullOutputStream(), false)
                    .build();
            try (var wasi = WasiPreview1.builder().withLogger(QUIET).withOptions(options).build()) {
                var instance = Instance.builder(module).withMachineFactory(machines)
                        .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build())
                        .withStart(false).build();
                if (metered) {
                    instance.exports().global(Fuel.GLOBAL).setValue(FUEL);
                }
                try {
                    instance.export("_start").apply();
                } catch (ExecutionCompletedException e) {
                    // exit(0)
                } catch (WasiExitException e) {
                    if (e.exitCode() != 0) {
                        throw new IllegalStateException(w.name + " exited " + e.exitCode());
                    }
                }
                if (metered) {
                    used = FUEL - instance.exports().global(Fuel.GLOBAL).getValue();
                }
                return stdout.toByteArray();
            }
        }
    }

    static String text(int bytes, Random random) {
        String[] syllables = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ber", "dan", "el", "for", "gan", "hal", "ist", "jor"};
        var vocabulary = new ArrayList<>(List.of("the", "and", "of", "to", "a", "in", "is", "it", "that", "was"));
        while (vocabulary.size() < 5_000) {
            var w = new StringBuilder();
            for (int s = 1 + random.nextInt(4); s > 0; s--) {
                w.append(syllables[random.nextInt(syllables.length)]);
            }
            vocabulary.add(w.toString());
        }
        var out = new StringBuilder(bytes + 200);
        int sentences = 0;
        while (out.length() < bytes) {
            int words = 8 + random.nextInt(13);
            for (int i = 0; i < words; i++) {
                String w = vocabulary.get((int) (vocabulary.size() * Math.pow(random.nextDouble(), 3)));
                if (i == 0) {
                    w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
                }
                out.append(w).append(i == words - 1 ? ". " : i % 7 == 6 ? ", " : " ");
            }
            if (++sentences % 6 == 0) {
                out.append("\n\n");
            }
        }
        return out.toString();
    }

    static String document(int bytes, Random random) {
        var out = new StringBuilder(bytes + 200).append("{\"items\":[");
        for (int i = 0; out.length() < bytes; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(String.format(Locale.ROOT,
                    "{\"id\":%d,\"name\":\"item-%d\",\"price\":%.2f,\"in_stock\":%b,\"tags\":[\"t%d\",\"t%d\"],\"dims\":{\"w\":%d,\"h\":%d}}",
                    i, i, random.nextDouble() * 100, random.nextBoolean(), random.nextInt(20), random.nextInt(20),
                    random.nextInt(500), random.nextInt(500)));
        }
        return out.append("]}").toString();
    }

    private static String quote(String s) {
        var out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
