package dev.nacre.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the whole benchmark with tiny counts: checks it produces every row, never how fast. */
class BenchmarkSmokeTest {

    @Test
    void producesEveryTableAndRow(@TempDir Path work) {
        var report = new Benchmark(new Iterations(2, 3, 1, 2, 1), Main.repoRoot(), work).run("bench/run --quick", "smoke");

        assertThat(report.tables()).extracting(ResultTable::title)
                .containsExactly(Benchmark.TURN_TABLE, Benchmark.PROCESS_TABLE);
        var turns = report.tables().get(0);
        assertThat(turns.labels()).containsExactly(
                "MemoryJournal · " + TurnBench.ONE_TURN, "MemoryJournal · " + TurnBench.PER_TURN,
                "MemoryJournal · " + TurnBench.TURN_20, "MemoryJournal · " + TurnBench.WHOLE,
                "SqliteJournal · " + TurnBench.ONE_TURN, "SqliteJournal · " + TurnBench.PER_TURN,
                "SqliteJournal · " + TurnBench.TURN_20, "SqliteJournal · " + TurnBench.WHOLE);
        assertThat(turns.rows()).extracting(r -> r.stats().n()).containsExactly(3, 40, 2, 2, 3, 40, 2, 2);
        assertThat(turns.rows().subList(4, 8)).allSatisfy(r -> assertThat(r.ratio()).isPresent());

        var processes = report.tables().get(1);
        assertThat(processes.labels()).containsExactly(ProcessBench.HELLO, ProcessBench.COLD, ProcessBench.WARM);
        assertThat(processes.rows()).allSatisfy(r -> assertThat(r.ratio()).isPresent());
        assertThat(report.processes().nacre().nacre()).isPositive();

        String markdown = report.markdown();
        assertThat(markdown).contains("## Machine", "| cores (availableProcessors) |", "`bench/run --quick`",
                "| median (µs) | p99 (µs) |", "| median (ms) | p90 (ms) |", "| java HelloWorld |");
        turns.labels().forEach(label -> assertThat(markdown).contains("| " + label + " |"));
        processes.labels().forEach(label -> assertThat(markdown).contains("| " + label + " |"));
    }
}
