package dev.nacre.bench;

/**
 * How much work each measurement does. Warm-up runs are measured and thrown away, so the JIT has
 * compiled the loop before the samples that count.
 *
 * @param warmupSessions    1-turn sessions run before measuring, per journal
 * @param oneTurnSessions   1-turn sessions measured, per journal
 * @param warmupConversations 20-turn conversations run before measuring, per journal
 * @param conversations     20-turn conversations measured, per journal
 * @param processRuns       runs of each process (hello world, nacre cold, nacre warm), alternating
 * @param wasm              the sandbox benchmarks'
 * @param scenarios         the reference benchmark's scenarios'
 */
record Iterations(int warmupSessions, int oneTurnSessions, int warmupConversations, int conversations, int processRuns,
                  WasmIterations wasm, ScenarioIterations scenarios) {
    static final int TURNS = 20;

    static Iterations full() {
        return new Iterations(3_000, 5_000, 150, 300, 30, WasmIterations.full(), ScenarioIterations.full());
    }

    static Iterations quick() {
        return new Iterations(50, 100, 3, 10, 2, WasmIterations.quick(), ScenarioIterations.quick());
    }

    String describe() {
        return "%s; harness: %d + %d one-turn sessions and %d + %d twenty-turn conversations per journal (warm-up + measured), %d process rounds; %s"
                .formatted(scenarios.describe(), warmupSessions, oneTurnSessions, warmupConversations, conversations, processRuns,
                        wasm.describe());
    }
}
