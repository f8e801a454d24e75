package dev.nacre.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference benchmark's scenarios against one canned server on loopback: in this JVM (Nacre on
 * both journals, LangChain4j, the bare HTTP floor, taking turns: {@link WarmScenarios}), then as
 * processes; heap per idle session; and the size of the deliverable.
 */
final class ScenarioBench {
    static final String NACRE_SQLITE = "Nacre · " + Store.SQLITE.label;
    static final String NACRE_MEMORY = "Nacre · " + Store.MEMORY.label;
    static final String NACRE_MEMORY_WHOLE = NACRE_MEMORY + NacreAgents.NOT_STREAMED;
    static final String PEER = "LangChain4j";
    static final String FLOOR = "bare HTTP client (floor)";

    /** Everything measured; {@code warm} and {@code heapPerSession} keyed by the labels above. */
    record Result(ScenarioIterations iterations, Map<String, Map<Scenario, Measured>> warm, Map<String, CpuProfile> poolProfiles,
                  Map<String, Long> heapPerSession, ProcessScenarios.Result processes, Deliverable deliverable, long nacreRetries) {}

    /** The worker pool whose CPU the report breaks down, per runtime. */
    static final Scenario PROFILED = Scenario.POOL_10;

    private final ScenarioIterations iterations;
    private final Path repoRoot;
    private final Path workDir;
    private final Progress progress;

    ScenarioBench(ScenarioIterations iterations, Path repoRoot, Path workDir, Progress progress) {
        this.iterations = iterations;
        this.repoRoot = repoRoot;
        this.workDir = workDir;
        this.progress = progress;
    }

    /** Progress steps this bench takes. */
    static int steps() {
        return WarmScenarios.steps(warmLabels().size()) + profiledLabels().size() + ProcessScenarios.ONE_PROCESS.size() + 5 + 3;
    }

    Result measure() {
        try (var server = Canned.server()) {
            String url = server.baseUrl();
            var warm = new LinkedHashMap<String, Map<Scenario, Measured>>();
            var profiles = new LinkedHashMap<String, CpuProfile>();
            var heap = new LinkedHashMap<String, Long>();
            try (var sqlite = new NacreAgents(Store.SQLITE, directory("warm-sqlite"), url);
                 var memory = new NacreAgents(Store.MEMORY, directory("warm-memory"), url);
                 // Without streaming (whole replies, as LangChain4j asks): what a pool whose callers want only answers can choose.
                 var whole = new NacreAgents(Store.MEMORY, directory("warm-memory-whole"), url, false);
                 var peer = new LangChain4jAgents(url, directory("warm-peer").resolve("memories"));
                 var bare = new BareHttp(url)) {
                warm.putAll(new WarmScenarios(iterations, progress).measure(List.of(sqlite, memory, whole, peer, bare)));
                for (var agents : List.of(sqlite, memory, peer, bare)) { // profiledLabels(), in order
                    profiles.put(agents.label(), profile(agents));
                    progress.step("CPU profile of the " + PROFILED.label(iterations.queries()) + ": " + agents.label());
                }
            }
            // Heap per session with in-JVM models: the scripted server keeps every request it gets, which would count.
            try (var nacre = new NacreAgents(Store.SQLITE, directory("heap-sqlite"), new CannedModel())) {
                heap.put(NACRE_SQLITE, SessionHeap.bytesPerSession(nacre, iterations.idleSessions()));
            }
            progress.step("heap per idle session: " + NACRE_SQLITE);
            try (var nacre = new NacreAgents(Store.MEMORY, directory("heap-memory"), new CannedModel())) {
                heap.put(NACRE_MEMORY, SessionHeap.bytesPerSession(nacre, iterations.idleSessions()));
            }
            progress.step("heap per idle session: " + NACRE_MEMORY);
            try (var peer = new LangChain4jAgents(LangChain4jAgents.canned(), directory("heap-peer"))) {
                heap.put(PEER, SessionHeap.bytesPerSession(peer, iterations.idleSessions()));
            }
            progress.step("heap per idle session: " + PEER);
            System.gc();
            var hello = HelloProgram.compile(directory("hello"));
            var processes = new ProcessScenarios(iterations, repoRoot, directory("processes"), progress).measure(url, hello);
            return new Result(iterations, warm, profiles, heap, processes, Deliverable.of(repoRoot), NacreAgents.retries());
        }
    }

    /** The runtimes whose pool CPU is profiled, by label: Nacre on both journals (streaming), LangChain4j, the floor. */
    static List<String> profiledLabels() {
        return List.of(NACRE_SQLITE, NACRE_MEMORY, PEER, FLOOR);
    }

    /** {@link ScenarioIterations#profiledBatches} batches of {@link #PROFILED}, already warm, under JFR's CPU-time sampler. */
    private <S> CpuProfile profile(Agents<S> agents) {
        int batches = iterations.profiledBatches();
        int queries = iterations.queries();
        return CpuProfile.of(batches * queries, () -> {
            for (int i = 0; i < batches; i++) {
                Batch.run(PROFILED.workers(), queries, () -> {
                    String answer = agents.send(agents.open(), Canned.HELLO);
                    if (!answer.equals(Canned.HELLO_ANSWER)) throw new IllegalStateException("got '" + answer + "'");
                });
            }
        });
    }

    static List<String> warmLabels() {
        return List.of(NACRE_SQLITE, NACRE_MEMORY, NACRE_MEMORY_WHOLE, PEER, FLOOR);
    }

    private Path directory(String name) {
        try {
            return Files.createDirectories(workDir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
