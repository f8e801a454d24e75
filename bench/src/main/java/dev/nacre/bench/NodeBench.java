package dev.nacre.bench;

import dev.nacre.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The same workloads on Node's V8 (no fuel), for scale: {@code run-wasi.mjs} runs each one in a
 * subprocess and prints its median per run. Node missing or failing is a cell that says so, never a
 * failed benchmark.
 */
final class NodeBench {
    private static final long PATIENCE_SECONDS = 120;

    /** Instances per Node process: Node 20 aborts after about 900 WASI instances in one process. */
    static final int INSTANCES_PER_PROCESS = 400;

    /** What Node measured: stats per workload label, or why there are none. */
    record Result(String version, Map<String, Stats> stats, Map<String, String> failures) {
        Optional<Stats> of(String label) {
            return Optional.ofNullable(stats.get(label));
        }

        String failure(String label) {
            return failures.getOrDefault(label, version.startsWith("v") ? "no result" : version);
        }
    }

    private final WasmIterations iterations;
    private final Path workDir;
    private String version = "node";

    NodeBench(WasmIterations iterations, Path workDir) {
        this.iterations = iterations;
        this.workDir = workDir;
    }

    Result measure(List<WasmWorkload> small, List<WasmWorkload> cpuBound) {
        Optional<Path> node = find();
        if (node.isEmpty()) return new Result("node not found", Map.of(), Map.of());
        var stats = new LinkedHashMap<String, Stats>();
        var failures = new LinkedHashMap<String, String>();
        try {
            Files.createDirectories(workDir);
            Path script = workDir.resolve("run-wasi.mjs");
            try (InputStream in = NodeBench.class.getResourceAsStream("node/run-wasi.mjs")) {
                Files.write(script, in.readAllBytes());
            }
            var all = new ArrayList<WasmWorkload>(small);
            all.addAll(cpuBound);
            for (int i = 0; i < all.size(); i++) {
                var w = all.get(i);
                boolean isSmall = i < small.size();
                int warmup = isSmall ? iterations.warmupCalls() : iterations.cpuWarmupRuns();
                int runs = isSmall ? iterations.calls() : iterations.cpuRuns();
                try {
                    stats.put(w.label(), series(node.get(), script, w, i, warmup, runs, isSmall ? 50 : 1));
                } catch (NodeFailure e) {
                    failures.put(w.label(), "node failed: " + e.getMessage());
                }
            }
            return new Result(version, stats, failures);
        } catch (IOException e) {
            return new Result("node failed: " + e.getMessage(), Map.of(), Map.of());
        }
    }

    /** One workload's samples: long series go to several processes, each warming up again (its own JIT). */
    private Stats series(Path node, Path script, WasmWorkload w, int index, int warmup, int runs, int gcEvery)
            throws IOException, NodeFailure {
        var samples = new Samples();
        int warmupPerProcess = Math.min(warmup, INSTANCES_PER_PROCESS / 4);
        for (int left = runs; left > 0; ) {
            int chunk = Math.min(left, INSTANCES_PER_PROCESS - warmupPerProcess);
            var answer = run(node, script, spec(w, index, warmupPerProcess, chunk, gcEvery));
            version = answer.string("node", version);
            var r = (Json.Obj) answer.array("results").getFirst();
            if (r.get("error").isPresent()) throw new NodeFailure(r.string("error", ""));
            r.array("samples_ns").forEach(n -> samples.add(((Json.Num) n).asLong()));
            left -= chunk;
        }
        return samples.stats();
    }

    private static final class NodeFailure extends Exception {
        NodeFailure(String message) {
            super(message);
        }
    }

    private Path spec(WasmWorkload w, int index, int warmup, int runs, int gcEvery) throws IOException {
        Path wasm = workDir.resolve(index + "-" + w.module() + ".wasm");
        Path stdin = workDir.resolve(index + ".stdin");
        Files.write(wasm, w.wasm());
        Files.write(stdin, w.stdin());
        var spec = Json.object().put("label", w.label()).put("wasm", wasm.toString())
                .put("args", Json.array(w.argv().stream().map(Json::of).toList()))
                .put("stdin", stdin.toString()).put("warmup", warmup).put("runs", runs)
                .put("gc_every", gcEvery).build();
        Path file = workDir.resolve(index + ".spec.json");
        Files.writeString(file, Json.object().put("workloads", Json.array(List.of(spec))).build().print());
        return file;
    }

    private Json.Obj run(Path node, Path script, Path spec) throws IOException, NodeFailure {
        Path stdout = workDir.resolve("node.out");
        Path stderr = workDir.resolve("node.err");
        var process = new ProcessBuilder(node.toString(), "--expose-gc", "--no-warnings", script.toString(), spec.toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new NodeFailure("no answer in " + PATIENCE_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new NodeFailure("interrupted");
        }
        String out = Files.readString(stdout).strip();
        if (process.exitValue() != 0 || out.isEmpty()) {
            String why = Files.readString(stderr).strip().lines().reduce((a, b) -> b).orElse("");
            throw new NodeFailure("exit " + process.exitValue() + (why.isEmpty() ? "" : ": " + why));
        }
        return (Json.Obj) Json.parse(out.lines().reduce((a, b) -> b).orElseThrow());
    }

    /** {@code node} on the PATH. */
    private static Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, "node");
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** Rows comparing Nacre's medians (Endive compiled, with fuel) to Node's, per workload label. */
    static List<TextTable.Row> comparison(Result node, Map<String, Stats> nacre) {
        var rows = new ArrayList<TextTable.Row>();
        nacre.forEach((label, stats) -> {
            var v8 = node.of(label).map(Stats::median);
            rows.add(new TextTable.Row(label, List.of(Table.duration(stats.median()),
                    v8.map(Table::duration).orElse(node.failure(label)),
                    v8.map(n -> Table.ratio((double) stats.median() / n)).orElse(""))));
        });
        return rows;
    }

}
