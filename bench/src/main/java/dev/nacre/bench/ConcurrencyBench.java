package dev.nacre.bench;

import dev.nacre.sandbox.Policy;
import dev.nacre.sandbox.Sandbox;
import dev.nacre.sandbox.ToolModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Throughput under load: N virtual threads each calling one small tool through
 * {@code Sandbox.call} in a loop for a fixed time. Guests run on the sandbox's platform workers
 * (at most {@code maxConcurrentCalls} at once; the rest wait for a slot, and the wait is in their latency).
 */
final class ConcurrencyBench {
    static final List<Integer> THREADS = List.of(1, 2, 4, 16);

    private final WasmIterations iterations;
    private final Sandbox sandbox;

    ConcurrencyBench(WasmIterations iterations, Sandbox sandbox) {
        this.iterations = iterations;
        this.sandbox = sandbox;
    }

    static String label(WasmWorkload w, int threads) {
        return w.label() + " · " + threads + (threads == 1 ? " virtual thread" : " virtual threads");
    }

    List<TextTable.Row> measure(WasmWorkload w) {
        var module = ToolModule.of(w.module(), w.wasm());
        var rows = new ArrayList<TextTable.Row>();
        loop(module, w, System.nanoTime() + iterations.load().toNanos() / 4); // compiled code and JIT warm before the first level
        for (int threads : THREADS) {
            var perThread = new ArrayList<Future<Samples>>();
            long start = System.nanoTime();
            long end = start + iterations.load().toNanos();
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < threads; t++) perThread.add(executor.submit(() -> loop(module, w, end)));
            }
            long elapsed = System.nanoTime() - start;
            var all = new Samples();
            perThread.forEach(f -> all.addAll(f.resultNow()));
            var stats = all.stats();
            rows.add(new TextTable.Row(label(w, threads), List.of(Integer.toString(stats.n()),
                    String.format(Locale.ROOT, "%.0f", stats.n() / (elapsed / 1e9)),
                    Table.number(stats.median() / 1e3), Table.number(stats.p99() / 1e3))));
        }
        return rows;
    }

    private Samples loop(ToolModule module, WasmWorkload w, long end) {
        var samples = new Samples();
        var policy = Policy.denyAll();
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            var result = sandbox.call(module, policy, w.tool(), w.arguments());
            samples.add(System.nanoTime() - start);
            SandboxCallBench.check(w, result);
        }
        return samples;
    }
}
