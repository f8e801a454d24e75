package dev.nacre.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * How much work the sandbox benchmarks do.
 *
 * @param warmupCalls   small calls run before measuring, per workload (thrown away)
 * @param calls         small calls measured, per workload
 * @param cpuWarmupRuns runs of each CPU-bound workload before measuring, per variant (the JIT needs several)
 * @param cpuRuns       runs of each CPU-bound workload measured, per variant
 * @param cpuInputBytes size of the generated text and JSON documents of the CPU-bound workloads
 * @param load          how long each concurrency level keeps calling
 * @param timeoutRuns   calls of the never-ending guest measured (after two unmeasured)
 * @param cpuForks      JVMs the CPU-bound workloads are measured in, one after another (0: in this one)
 */
record WasmIterations(int warmupCalls, int calls, int cpuWarmupRuns, int cpuRuns, int cpuInputBytes, Duration load,
                      int timeoutRuns, int cpuForks) {

    static WasmIterations full() {
        return new WasmIterations(2_000, 3_000, 5, 10, 1_500_000, Duration.ofSeconds(3), 30, 5);
    }

    static WasmIterations quick() {
        return new WasmIterations(100, 200, 2, 3, 100_000, Duration.ofSeconds(1), 5, 0);
    }

    String describe() {
        return String.format(Locale.ROOT, "Wasm: %d + %d small calls per workload, %d + %d runs per CPU-bound workload on %.1f MB inputs%s, %d s per concurrency level, %d timeouts",
                warmupCalls, calls, cpuWarmupRuns, cpuRuns, cpuInputBytes / 1e6, cpuForks == 0 ? "" : " in each of " + cpuForks + " JVMs",
                load.toSeconds(), timeoutRuns);
    }
}
