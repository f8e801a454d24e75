package dev.nacre.bench;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Runs every measurement once and gathers the report. A new measurement is a class that returns
 * rows and one more table here.
 */
final class Benchmark {
    static final String TURN_TABLE = "Harness overhead per turn (in process, zero-latency model)";
    static final String PROCESS_TABLE = "Whole process: `nacre run` vs a Java hello world (scripted model server on loopback)";

    private final Iterations iterations;
    private final Path repoRoot;
    private final Path workDir;

    Benchmark(Iterations iterations, Path repoRoot, Path workDir) {
        this.iterations = iterations;
        this.repoRoot = repoRoot;
        this.workDir = workDir;
    }

    Report run(String command, String mode) {
        var machine = Machine.current();
        String date = ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);

        var turns = new TurnBench(iterations, workDir.resolve("turns"));
        var memory = turns.measure(Store.MEMORY);
        var sqlite = turns.measure(Store.SQLITE);
        var turnTable = new ResultTable(TURN_TABLE, ResultTable.Unit.MICROS, Stats.Tail.P99,
                Optional.of("× MemoryJournal (median)"), TurnBench.withDurabilityRatio(memory, sqlite));

        var processes = new ProcessBench(iterations, repoRoot, workDir.resolve("processes")).measure();
        var processTable = new ResultTable(PROCESS_TABLE, ResultTable.Unit.MILLIS, Stats.Tail.P90,
                Optional.of("× hello world (median)"), processes.rows());

        return new Report(date, command, mode, machine, List.of(turnTable, processTable), processes);
    }
}
