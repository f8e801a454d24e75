package dev.nacre.bench;

import dev.nacre.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs every measurement once and gathers the report. A new measurement is a class that returns
 * rows and one more table here.
 */
final class Benchmark {
    static final String TURN_TABLE = "Harness overhead per turn (in process, zero-latency model)";
    static final String PROCESS_TABLE = "Whole process: `nacre run` vs a Java hello world (scripted model server on loopback)";
    static final String WASM_CALL_TABLE = "Wasm tool call: `Sandbox.call` vs bare Endive (in process, warm)";
    static final String CONCURRENCY_TABLE = "Concurrent `Sandbox.call`s: virtual threads calling in a loop";
    static final String FUEL_TABLE = "Fuel metering: CPU-bound guests, Endive compiled, uninstrumented vs `Fuel.instrument`";
    static final String NODE_TABLE = "Nacre (Endive compiled, with fuel) vs Node's V8 (no fuel): fresh instance + `_start`";
    static final String TIMEOUT_TABLE = "Timeout latency: a guest that never returns";

    private final Iterations iterations;
    private final Path repoRoot;
    private final Path workDir;

    Benchmark(Iterations iterations, Path repoRoot, Path workDir) {
        this.iterations = iterations;
        this.repoRoot = repoRoot;
        this.workDir = workDir;
    }

    Report run(String command, String mode) {
        return run(command, mode, Progress.off());
    }

    /** Progress steps {@link #run} takes. */
    static int steps() {
        return ScenarioBench.steps() + 2 + 1 + 1;
    }

    Report run(String command, String mode, Progress progress) {
        var machine = Machine.current();
        String date = ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);

        var scenarios = new ScenarioBench(iterations.scenarios(), repoRoot, createDirectories(workDir.resolve("scenarios")), progress).measure();

        var turns = new TurnBench(iterations, workDir.resolve("turns"));
        var memory = turns.measure(Store.MEMORY);
        progress.step("harness overhead: MemoryJournal");
        var sqlite = turns.measure(Store.SQLITE);
        progress.step("harness overhead: SqliteJournal");
        var turnTable = new ResultTable(TURN_TABLE, ResultTable.Unit.MICROS, Stats.Tail.P99,
                Optional.of("× MemoryJournal (median)"), TurnBench.withDurabilityRatio(memory, sqlite));

        var processes = new ProcessBench(iterations, repoRoot, workDir.resolve("processes")).measure();
        var processTable = new ResultTable(PROCESS_TABLE, ResultTable.Unit.MILLIS, Stats.Tail.P90,
                Optional.of("× hello world (median)"), processes.rows());
        progress.step("nacre run vs hello world");

        var wasmTables = wasm();
        progress.step("Wasm sandbox");

        var tables = new ArrayList<Table>(List.of(turnTable, processTable));
        tables.addAll(wasmTables);
        // The SQLite per-turn row: the harness-overhead target is about a durable journal.
        var perTurn = sqlite.stream().filter(r -> r.label().endsWith(TurnBench.PER_TURN)).map(ResultTable.Row::stats).findFirst();
        return new Report(date, command, mode, machine, new ScenarioReport(scenarios, perTurn), tables, processes);
    }

    private List<Table> wasm() {
        var wasm = iterations.wasm();
        var guests = new Guests(repoRoot);
        var small = Workloads.small(guests);
        var cpuBound = Workloads.cpuBound(guests, wasm.cpuInputBytes());
        Path workspace = createDirectories(workDir.resolve("sandbox"));
        try (var sandbox = Sandbox.builder().workspace(workspace).environment(Map.of()).build()) {
            var calls = new SandboxCallBench(wasm, sandbox).measure(small);
            var callTable = new ResultTable(WASM_CALL_TABLE, ResultTable.Unit.MICROS, Stats.Tail.P99,
                    Optional.of("× bare Endive (median)"), calls.rows());

            var concurrencyTable = new TextTable(CONCURRENCY_TABLE + " for " + wasm.load().toSeconds() + " s ("
                    + Runtime.getRuntime().availableProcessors() + " cores)",
                    List.of("measurement", "calls", "calls/s", "median (µs)", "p99 (µs)"),
                    new ConcurrencyBench(wasm, sandbox).measure(small.getLast()));

            var fuel = new FuelBench(wasm).measure(cpuBound);
            var fuelTable = new TextTable(FUEL_TABLE, List.of("workload", "runs", "uninstrumented median (ms)",
                    "instrumented median (ms)", "× uninstrumented, this JVM (target ≤ " + FuelBench.TARGET + "×)",
                    "× uninstrumented, " + wasm.cpuForks() + " fresh JVMs: median (lowest–highest)",
                    "× by CPU time, fresh JVMs: median of their medians of pairs (lowest–highest)", "fuel used"), fuel.rows());

            var node = new NodeBench(wasm, workDir.resolve("node")).measure(small, cpuBound);
            var nacre = new LinkedHashMap<>(calls.bare());
            nacre.putAll(fuel.metered());
            String v8 = node.version().startsWith("v") ? "Node " + node.version() : "Node";
            var nodeTable = new TextTable(NODE_TABLE, List.of("workload", "Nacre median", v8 + " median", "× Node"),
                    NodeBench.comparison(node, nacre));

            var timeoutTable = new ResultTable(TIMEOUT_TABLE, ResultTable.Unit.MILLIS, Stats.Tail.MAX, Optional.empty(),
                    new TimeoutBench(wasm, sandbox).measure());
            return List.of(callTable, concurrencyTable, fuelTable, nodeTable, timeoutTable);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
