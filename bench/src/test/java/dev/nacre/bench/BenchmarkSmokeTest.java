package dev.nacre.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the whole benchmark with tiny counts: checks it produces every row, never how fast. */
class BenchmarkSmokeTest {

    @Test
    void producesEveryTableAndRow(@TempDir Path work) {
        var wasm = new WasmIterations(2, 3, 1, 2, 20_000, Duration.ofMillis(200), 2, 2); // two JVM forks for the fuel table
        var scenarios = new ScenarioIterations(1, 1, 1, 3, 2, 1, 1, 5, 2);
        var report = new Benchmark(new Iterations(2, 3, 1, 2, 1, wasm, scenarios), Main.repoRoot(), work).run("bench/run --quick", "smoke");
        everyScenarioHasEveryCell(report);

        assertThat(report.tables()).extracting(Table::title).containsExactly(Benchmark.TURN_TABLE, Benchmark.PROCESS_TABLE,
                Benchmark.WASM_CALL_TABLE, Benchmark.CONCURRENCY_TABLE + " for 0 s (" + Runtime.getRuntime().availableProcessors() + " cores)",
                Benchmark.FUEL_TABLE, Benchmark.NODE_TABLE, Benchmark.TIMEOUT_TABLE);
        var turns = (ResultTable) report.tables().get(0);
        assertThat(turns.labels()).containsExactly(
                "MemoryJournal · " + TurnBench.ONE_TURN, "MemoryJournal · " + TurnBench.PER_TURN,
                "MemoryJournal · " + TurnBench.TURN_20, "MemoryJournal · " + TurnBench.WHOLE,
                "SqliteJournal · " + TurnBench.ONE_TURN, "SqliteJournal · " + TurnBench.PER_TURN,
                "SqliteJournal · " + TurnBench.TURN_20, "SqliteJournal · " + TurnBench.WHOLE);
        assertThat(turns.rows()).extracting(r -> r.stats().n()).containsExactly(3, 40, 2, 2, 3, 40, 2, 2);
        assertThat(turns.rows().subList(4, 8)).allSatisfy(r -> assertThat(r.ratio()).isPresent());

        var processes = (ResultTable) report.tables().get(1);
        assertThat(processes.labels()).containsExactly(ProcessBench.HELLO, ProcessBench.COLD, ProcessBench.WARM);
        assertThat(processes.rows()).allSatisfy(r -> assertThat(r.ratio()).isPresent());
        assertThat(report.processes().nacre().nacre()).isPositive();

        String markdown = report.markdown();
        assertThat(markdown).contains("## Machine", "| cores (availableProcessors) |", "`bench/run --quick`",
                "| median (µs) | p99 (µs) |", "| median (ms) | p90 (ms) |", "| java HelloWorld |");
        report.tables().forEach(t -> t.labels().forEach(label -> assertThat(markdown).contains("| " + label + " |")));
        assertThat(markdown).contains("| max (ms) |", "| calls/s |", "× uninstrumented, this JVM (target ≤ 1.3×)", "| × Node |");
        wasmTablesHaveARowPerWorkload(report);
    }

    private static void everyScenarioHasEveryCell(Report report) {
        var result = report.scenarios().result();
        assertThat(result.warm()).containsOnlyKeys(ScenarioBench.warmLabels());
        result.warm().values().forEach(cells -> assertThat(cells).containsOnlyKeys(Scenario.values())
                .allSatisfy((s, m) -> assertThat(m.present()).isTrue()));
        var processes = result.processes().cells();
        assertThat(processes).containsOnlyKeys(ProcessScenarios.NACRE, ProcessScenarios.NACRE_NO_AOT, ProcessScenarios.PEER, ProcessScenarios.HELLO);
        for (String runtime : List.of(ProcessScenarios.NACRE, ProcessScenarios.HELLO)) {
            assertThat(processes.get(runtime)).containsOnlyKeys(Scenario.values()).allSatisfy((s, m) -> assertThat(m.present()).isTrue());
        }
        assertThat(processes.get(ProcessScenarios.PEER)).containsOnlyKeys(Scenario.values());
        ProcessScenarios.ONE_PROCESS.forEach(s -> assertThat(processes.get(ProcessScenarios.PEER).get(s).present()).isTrue());
        assertThat(processes.get(ProcessScenarios.PEER).get(Scenario.POOL_20).present()).isTrue();
        assertThat(processes.get(ProcessScenarios.PEER).get(Scenario.POOL_1).present()).isFalse();
        assertThat(processes.get(ProcessScenarios.NACRE_NO_AOT)).containsOnlyKeys(Scenario.INIT, Scenario.SINGLE);
        assertThat(result.poolProfiles()).containsOnlyKeys(ScenarioBench.profiledLabels())
                .allSatisfy((label, p) -> assertThat(p.queries()).isEqualTo(2 * 3));
        assertThat(result.heapPerSession()).containsOnlyKeys(ScenarioBench.NACRE_SQLITE, ScenarioBench.NACRE_MEMORY, ScenarioBench.PEER);
        assertThat(result.deliverable().jarBytes()).isPositive();
        assertThat(result.deliverable().optionalParts()).isEmpty();

        String markdown = report.markdown();
        assertThat(markdown).contains("## " + ScenarioReport.HEADLINE, "## " + ScenarioReport.TARGETS, "## " + ScenarioReport.WARM,
                "## " + ScenarioReport.PROCESSES, "## " + ScenarioReport.MEMORY, "## " + ProfileReport.TITLE,
                "| process CPU per query, every thread (µs) |", "| samples (lost; without a stack) |", "| sampled CPU per query (µs) |", "## " + ScenarioReport.SIZE,
                "| published pywasm |", "| deployment size |", "| memory per instance |", Charts.TIMES, Charts.THROUGHPUT);
        for (Scenario s : Scenario.values()) assertThat(markdown).contains("| " + s.label(3) + " | " + s.published + " |");
        assertThat(report.charts()).containsOnlyKeys(Charts.TIMES, Charts.THROUGHPUT)
                .allSatisfy((name, svg) -> assertThat(svg).startsWith("<svg").contains("<rect").endsWith("</svg>\n"));
    }

    private static void wasmTablesHaveARowPerWorkload(Report report) {
        var small = List.of(Workloads.HELLO, Workloads.ECHO, Workloads.QUERY_SMALL);

        var calls = (ResultTable) report.tables().get(2);
        assertThat(calls.labels()).containsExactly(small.stream()
                .flatMap(w -> Stream.of(SandboxCallBench.BARE + " · " + w, SandboxCallBench.SANDBOX + " · " + w)).toArray(String[]::new));
        assertThat(calls.rows()).allSatisfy(r -> assertThat(r.stats().n()).isEqualTo(3));
        assertThat(calls.rows()).extracting(r -> r.ratio().isPresent()).containsExactly(false, true, false, true, false, true);

        var concurrency = (TextTable) report.tables().get(3);
        assertThat(concurrency.labels()).hasSize(ConcurrencyBench.THREADS.size())
                .allSatisfy(l -> assertThat(l).startsWith(Workloads.QUERY_SMALL + " · "));
        assertThat(concurrency.rows()).allSatisfy(r -> assertThat(Integer.parseInt(r.cells().get(0))).isPositive());

        var cpuBound = List.of(Workloads.TEXT_LARGE, Workloads.QUERY_LARGE, Workloads.COLLATZ, Workloads.FIB);
        var fuel = (TextTable) report.tables().get(4);
        assertThat(fuel.labels()).hasSize(4);
        for (int i = 0; i < 4; i++) assertThat(fuel.labels().get(i)).startsWith(cpuBound.get(i));
        assertThat(fuel.rows()).allSatisfy(r -> {
            assertThat(r.cells().get(0)).isEqualTo("2");
            assertThat(r.cells().get(3)).matches("\\d+\\.\\d\\d×");
            assertThat(r.cells().get(4)).matches("\\d+\\.\\d\\d× \\(\\d+\\.\\d\\d×–\\d+\\.\\d\\d×\\)");
            assertThat(r.cells().get(5)).matches("\\d+\\.\\d\\d× \\(\\d+\\.\\d\\d×–\\d+\\.\\d\\d×\\)");
            assertThat(r.cells().get(6)).matches("[0-9,]+");
        });

        var node = (TextTable) report.tables().get(5);
        assertThat(node.labels()).hasSize(7);
        assertThat(node.labels().subList(0, 3)).isEqualTo(small);
        // a duration and a ratio, or a cell saying why Node gave none: never a failed benchmark
        assertThat(node.rows()).allSatisfy(r -> assertThat(r.cells().get(1)).matches("[0-9.]+ (µs|ms)|node .*"));

        var timeout = (ResultTable) report.tables().get(6);
        assertThat(timeout.labels()).containsExactly(TimeoutBench.LATE);
        assertThat(timeout.rows().getFirst().stats().n()).isEqualTo(2);
    }
}
