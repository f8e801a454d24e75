package dev.nacre.bench;

import dev.nacre.sandbox.Policy;
import dev.nacre.sandbox.Sandbox;
import dev.nacre.sandbox.ToolModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-call cost of a small tool, two ways: {@code Sandbox.call} (describe cache, argument
 * validation, policy, a worker thread, WASI built per call, output parsing, audit) and bare Endive
 * (fresh instance of the same fuel-instrumented compiled code + {@code _start}). The difference is
 * the sandbox's own overhead.
 */
final class SandboxCallBench {
    static final String BARE = "bare Endive + fuel";
    static final String SANDBOX = "Sandbox.call";

    /** The table's rows, and the bare medians by workload label for the Node comparison. */
    record Result(List<ResultTable.Row> rows, Map<String, Stats> bare) {}

    private final WasmIterations iterations;
    private final Sandbox sandbox;

    SandboxCallBench(WasmIterations iterations, Sandbox sandbox) {
        this.iterations = iterations;
        this.sandbox = sandbox;
    }

    Result measure(List<WasmWorkload> workloads) {
        var rows = new ArrayList<ResultTable.Row>();
        var bareStats = new LinkedHashMap<String, Stats>();
        for (var w : workloads) {
            var bare = BareEndive.compile(w.wasm(), true);
            var module = ToolModule.of(w.module(), w.wasm());
            var policy = Policy.denyAll();
            var discard = new Samples();
            for (int i = 0; i < iterations.warmupCalls(); i++) {
                bare(bare, w, discard);
                call(module, policy, w, discard);
            }
            var b = new Samples();
            for (int i = 0; i < iterations.calls(); i++) bare(bare, w, b);
            var s = new Samples();
            for (int i = 0; i < iterations.calls(); i++) call(module, policy, w, s);
            var bs = b.stats();
            var ss = s.stats();
            bareStats.put(w.label(), bs);
            rows.add(new ResultTable.Row(BARE + " · " + w.label(), bs, Optional.empty()));
            rows.add(new ResultTable.Row(SANDBOX + " · " + w.label(), ss, Optional.of((double) ss.median() / bs.median())));
        }
        return new Result(rows, bareStats);
    }

    private static void bare(BareEndive code, WasmWorkload w, Samples into) {
        long start = System.nanoTime();
        var out = code.run(w.argv(), w.stdin());
        into.add(System.nanoTime() - start);
        if (out.exitCode() != 0 || out.stdout().length == 0) throw new IllegalStateException(w.label() + ": bare run exited " + out.exitCode());
    }

    private void call(ToolModule module, Policy policy, WasmWorkload w, Samples into) {
        long start = System.nanoTime();
        var result = sandbox.call(module, policy, w.tool(), w.arguments());
        into.add(System.nanoTime() - start);
        check(w, result);
    }

    /** A failed call would time the error path. */
    static void check(WasmWorkload w, dev.nacre.sandbox.CallResult result) {
        if (!result.ok() || result.toolError()) {
            throw new IllegalStateException(w.label() + ": call failed: " + result.error().map(Object::toString).orElse("tool error") + " " + result.message());
        }
    }
}
