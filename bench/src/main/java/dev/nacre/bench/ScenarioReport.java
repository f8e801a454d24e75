package dev.nacre.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The headline of docs/BENCHMARKS.md: the reference benchmark's table, scenario by scenario, with
 * Nacre in both modes, LangChain4j and the floors; the warm-mode targets; the detail tables behind it.
 */
record ScenarioReport(ScenarioBench.Result result, Optional<Stats> harnessPerTurn) {
    static final String HEADLINE = "Against the published Hermes-in-WebAssembly (pywasm) figures";
    static final String TARGETS = "Targets";
    static final String WARM = "Scenarios in one warm JVM (medians)";
    static final String PROCESSES = "Scenarios as processes, one per query (medians of whole-process wall time)";
    static final String MEMORY = "Memory per agent";
    static final String SIZE = "Deliverable size";
    static final long SESSION_BUDGET = (1L << 30) / 10_000;

    private Map<Scenario, Measured> warm(String label) {
        return result.warm().get(label);
    }

    private Map<Scenario, Measured> process(String label) {
        return result.processes().cells().get(label);
    }

    String markdown(String chartPrefix) {
        int q = result.iterations().queries();
        var out = new StringBuilder();
        out.append("## ").append(HEADLINE).append("\n\n");
        out.append("""
                Same canned conversation, served by a scripted OpenAI-compatible server on 127.0.0.1 (the real HTTP \
                client, parser and loop run). *Process per query* is the reference's method: wall time of whole \
                processes. *Warm* is agents inside one running JVM, as a server runs them (Nacre with its SQLite \
                journal, durable; LangChain4j keeps history in memory and journals nothing). Floors: a Java hello world \
                in the same shape of processes, and a bare HTTP client against the same server. The pywasm figures \
                are as published (M4 MacBook, wasmtime); everything else is from this run, on this machine. \
                "× pywasm" is how many times faster (or more queries per second) than the published figure; \
                "× floor" how many times the floor's time (≥ 1; lower is better).

                """);
        var header = List.of("scenario", "published pywasm", "Nacre · process per query", "Nacre · warm", "LangChain4j · process / warm",
                "floor · process (hello world) / warm (bare HTTP)", "Nacre × pywasm (process / warm)", "Nacre × floor (process / warm)");
        out.append(Table.line(header)).append(Table.line(Table.align(header.size())));
        for (Scenario s : Scenario.values()) {
            var np = process(ProcessScenarios.NACRE).get(s);
            var nw = warm(ScenarioBench.NACRE_SQLITE).get(s);
            var fp = process(ProcessScenarios.HELLO).get(s);
            var fw = warm(ScenarioBench.FLOOR).get(s);
            out.append(Table.line(List.of(s.label(q), s.published, np.text(), nw.text(),
                    process(ProcessScenarios.PEER).get(s).text() + " / " + warm(ScenarioBench.PEER).get(s).text(),
                    fp.text() + " / " + fw.text(),
                    times(np.timesBetterThan(s.publishedValue())) + " / " + times(nw.timesBetterThan(s.publishedValue())),
                    overFloor(np, fp) + " / " + overFloor(nw, fw))));
        }
        var d = result.deliverable();
        out.append(Table.line(List.of("deployment size", "26 MB (.wasm)", Deliverable.mib(d.jarBytes()) + " jar (+ " + Deliverable.mib(d.aotCacheBytes())
                + " AOT cache); JDK not counted", "same", Deliverable.mib(d.peerJarBytes()) + " jars", "", "", "")));
        var rss = result.processes().rssKib();
        var heap = result.heapPerSession();
        out.append(Table.line(List.of("memory per instance", "~110–119 MiB RSS", kibToMib(rss.get(ProcessScenarios.NACRE)) + " peak RSS",
                kib(heap.get(ScenarioBench.NACRE_SQLITE)) + " heap per idle session",
                kibToMib(rss.get(ProcessScenarios.PEER)) + " RSS / " + kib(heap.get(ScenarioBench.PEER)) + " heap per session",
                kibToMib(rss.get(ProcessScenarios.HELLO)) + " RSS (hello world)", "", "")));
        out.append('\n');
        out.append("![Scenario times, log scale](").append(chartPrefix).append(Charts.TIMES).append(")\n");
        out.append("![Worker-pool throughput, log scale](").append(chartPrefix).append(Charts.THROUGHPUT).append(")\n\n");
        out.append(targets()).append('\n');
        out.append(detail(WARM, ScenarioBench.warmLabels(), this::warm));
        out.append("Nacre's columns stream (SSE, as the CLI) unless labelled *not streamed*: that one asks for whole replies "
                + "(`ProviderConfig.withStream(false)`, as LangChain4j does here), which a pool whose callers want only answers can choose; "
                + "the headline and the targets use the streaming SQLite column.\n\n");
        out.append("Nacre's clients retried ").append(result.nacreRetries()).append("""
                 requests at once (without the backoff wait) after a request failed; a run that needs many has found a bug \
                (an earlier one: pooled connections broken by cancelling a body already read, fixed in `dev.nacre.llm.JdkExchange`).

                """);
        if (!result.poolProfiles().isEmpty()) {
            out.append(new ProfileReport(result.poolProfiles(), List.of(ScenarioBench.NACRE_SQLITE, ScenarioBench.NACRE_MEMORY),
                    ScenarioBench.PROFILED, result.iterations().profiledBatches(),
                    result.iterations().queries()).markdown());
        }
        out.append(detail(PROCESSES, List.of(ProcessScenarios.NACRE, ProcessScenarios.NACRE_NO_AOT, ProcessScenarios.PEER,
                ProcessScenarios.HELLO), this::process));
        out.append(memory()).append(size());
        return out.toString();
    }

    private String targets() {
        var out = new StringBuilder("## ").append(TARGETS).append("\n\n");
        var header = List.of("target", "measured", "met");
        out.append(Table.line(header)).append(Table.line(Table.align(3)));
        var start = process(ProcessScenarios.NACRE).get(Scenario.INIT);
        var hello = process(ProcessScenarios.HELLO).get(Scenario.INIT);
        if (start.present() && hello.present()) {
            double times = start.value() / hello.value();
            out.append(Table.line(List.of("fast start: init → ready ≤ 2× a Java hello world (process per query, medians of "
                            + start.runs() + " runs each, alternating)",
                    start.text() + " vs " + hello.text() + " = " + String.format(Locale.ROOT, "%.2f×", times), met(times <= 2))));
        }
        var nacre = warm(ScenarioBench.NACRE_SQLITE);
        var floor = warm(ScenarioBench.FLOOR);
        harnessPerTurn.ifPresent(t -> out.append(Table.line(List.of("harness overhead per turn < 1 ms (zero-latency model, SqliteJournal, 20-turn conversation)",
                Table.duration(t.median()) + " median, " + Table.duration(t.p99()) + " p99", met(t.median() < 1_000_000)))));
        double overHttp = nacre.get(Scenario.SINGLE).value() - floor.get(Scenario.SINGLE).value();
        out.append(Table.line(List.of("… the same over real loopback HTTP: Nacre single turn (new session + turn) − bare HTTP request",
                millis(overHttp), met(overHttp < 1))));
        var parallel = nacre.get(Scenario.PARALLEL);
        out.append(Table.line(List.of(result.iterations().queries() + " parallel single-turn agents < 50 ms", parallel.text(), met(parallel.value() < 50))));
        for (Scenario s : Scenario.values()) {
            if (!s.isPool()) continue;
            double share = nacre.get(s).value() / floor.get(s).value();
            out.append(Table.line(List.of("worker pool of " + s.workers() + ": throughput ≥ ½ bare-HTTP floor",
                    nacre.get(s).text() + " vs " + floor.get(s).text() + " = " + String.format(Locale.ROOT, "%.0f%%", share * 100),
                    met(share >= 0.5))));
        }
        long perSession = result.heapPerSession().get(ScenarioBench.NACRE_SQLITE);
        out.append(Table.line(List.of("heap per idle session ≤ " + kib(SESSION_BUDGET) + " (10,000 sessions in 1 GiB), SqliteJournal",
                kib(perSession) + " → " + String.format(Locale.ROOT, "%,d", perSession == 0 ? 0 : (1L << 30) / perSession) + " sessions per GiB",
                met(perSession <= SESSION_BUDGET))));
        return out.toString();
    }

    private String detail(String title, List<String> labels, java.util.function.Function<String, Map<Scenario, Measured>> cells) {
        var out = new StringBuilder("## ").append(title).append("\n\n");
        var header = new ArrayList<>(List.of("scenario"));
        header.addAll(labels);
        out.append(Table.line(header)).append(Table.line(Table.align(header.size())));
        for (Scenario s : Scenario.values()) {
            var row = new ArrayList<>(List.of(s.label(result.iterations().queries())));
            for (String l : labels) row.add(Optional.ofNullable(cells.apply(l).get(s)).map(Measured::text).orElse("—"));
            out.append(Table.line(row));
        }
        return out.append('\n').toString();
    }

    private String memory() {
        var out = new StringBuilder("## ").append(MEMORY).append("\n\n");
        out.append(Table.line(List.of("measurement", "value"))).append(Table.line(Table.align(2)));
        result.heapPerSession().forEach((label, bytes) -> out.append(Table.line(List.of(
                "heap per idle session (" + result.iterations().idleSessions() + " held, one exchange each) · " + label, kib(bytes)))));
        result.processes().rssKib().forEach((label, k) -> out.append(Table.line(List.of("peak RSS of one single-turn process · " + label, kibToMib(k)))));
        return out.append('\n').toString();
    }

    private String size() {
        var d = result.deliverable();
        var out = new StringBuilder("## ").append(SIZE).append("\n\n");
        out.append(Table.line(List.of("what", "size"))).append(Table.line(Table.align(2)));
        out.append(Table.line(List.of("Nacre: " + Deliverable.JAR + ", the CLI and all it needs in one jar (" + d.jarEntries() + " entries)",
                Deliverable.mib(d.jarBytes()))));
        for (var part : d.largest()) out.append(Table.line(List.of("… " + part.name() + "/ (compressed)", Deliverable.mib(part.bytes()))));
        out.append(Table.line(List.of("AOT cache cli/target/nacre.aot (built by the build, optional)", Deliverable.mib(d.aotCacheBytes()))));
        out.append(Table.line(List.of("optional parts in the core set (embeddings, local inference, Python sandbox)",
                d.optionalParts().isEmpty() ? "none" : String.join(", ", d.optionalParts()))));
        out.append(Table.line(List.of("LangChain4j jar set (langchain4j + langchain4j-open-ai and their dependencies, " + d.peerJarCount() + " jars)",
                Deliverable.mib(d.peerJarBytes()))));
        out.append(Table.line(List.of("the JDK both need (not counted above)", Deliverable.mib(d.jdkBytes()))));
        return out.append('\n').toString();
    }

    private static String times(Optional<Double> x) {
        return x.map(v -> String.format(Locale.ROOT, v >= 10 ? "%.0f×" : "%.1f×", v)).orElse("—");
    }

    /** How many times the floor's time this takes (for rates: the floor's rate over this one). */
    private static String overFloor(Measured m, Measured floor) {
        if (!m.present() || !floor.present()) return "—";
        double x = m.rate() ? floor.value() / m.value() : m.value() / floor.value();
        return String.format(Locale.ROOT, "%.1f×", x);
    }

    private static String millis(double ms) {
        return Table.number(ms) + " ms";
    }

    private static String met(boolean yes) {
        return yes ? "yes" : "**no**";
    }

    static String kib(Long bytes) {
        return bytes == null ? "—" : Table.number(bytes / 1024.0) + " KiB";
    }

    static String kibToMib(Long kib) {
        return kib == null || kib < 0 ? "unknown" : Table.number(kib / 1024.0) + " MiB";
    }
}
