package dev.nacre.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A one-minute loop for work on the warm path, not part of the published run: the warm single turn,
 * the pool of 10 and the 50 parallel agents, Nacre on {@code MemoryJournal} (streaming and not) and
 * the bare HTTP floor against one canned server, the variants alternating round by round so load
 * from elsewhere on the machine hits all alike. Prints medians over rounds, and the CPU time this
 * process spent per query (client and server together; steadier than wall time on a busy machine).
 * {@code java ... dev.nacre.bench.WarmProbe [rounds] [variant ...]} (variants: stream, whole, bare, and
 * sqlite: streaming on a {@code SqliteJournal} in a temp dir).
 */
public final class WarmProbe {
    private static final int SINGLES = 200;
    private static final int BATCHES = 10;
    private static final int QUERIES = 50;

    private WarmProbe() {}

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> variants = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("stream", "whole", "bare");
        var dir = Files.createTempDirectory("nacre-probe");
        try (var server = Canned.server()) {
            String url = server.baseUrl();
            var agents = new LinkedHashMap<String, Agents<?>>();
            for (String v : variants) agents.put(v, open(v, url, dir));
            var single = new LinkedHashMap<String, Samples>();
            var pool = new LinkedHashMap<String, Samples>();
            var parallel = new LinkedHashMap<String, Samples>();
            var cpu = new LinkedHashMap<String, Samples>();
            for (int round = 0; round <= rounds; round++) {
                for (var e : agents.entrySet()) {
                    var s = new Samples();
                    var p = new Samples();
                    var q = new Samples();
                    long cpu0 = OS.getProcessCpuTime();
                    int queries = measure(e.getValue(), s, p, q);
                    long perQuery = (OS.getProcessCpuTime() - cpu0) / queries;
                    if (round == 0) continue; // warm-up
                    single.computeIfAbsent(e.getKey(), k -> new Samples()).addAll(s);
                    pool.computeIfAbsent(e.getKey(), k -> new Samples()).addAll(p);
                    parallel.computeIfAbsent(e.getKey(), k -> new Samples()).addAll(q);
                    cpu.computeIfAbsent(e.getKey(), k -> new Samples()).add(perQuery);
                }
            }
            System.out.printf("%-8s %14s %14s %14s %14s %14s%n", "variant", "single (ms)", "pool-1 (q/s)", "pool-10 (q/s)",
                    "50 par (ms)", "CPU/query (µs)");
            for (String v : agents.keySet()) {
                long s = single.get(v).stats().median();
                long p = pool.get(v).stats().median();
                long q = parallel.get(v).stats().median();
                long c = cpu.get(v).stats().median();
                System.out.printf("%-8s %14.3f %14.0f %14.0f %14.2f %14.0f%n", v, s / 1e6, 1e9 / s, QUERIES * 1e9 / p, q / 1e6, c / 1e3);
            }
            for (var a : agents.values()) a.close();
        }
    }

    private static Agents<?> open(String variant, String url, java.nio.file.Path dir) throws IOException {
        var sub = Files.createDirectories(dir.resolve(variant));
        return switch (variant) {
            case "stream", "whole" -> new NacreAgents(Store.MEMORY, sub, url, variant.equals("stream"));
            case "sqlite" -> new NacreAgents(Store.SQLITE, sub, url);
            case "bare" -> new BareHttp(url);
            default -> throw new IllegalArgumentException("unknown variant " + variant + " (stream, whole, bare, sqlite)");
        };
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** Runs each scenario once into its samples; returns the number of queries sent. */
    private static <S> int measure(Agents<S> agents, Samples single, Samples pool, Samples parallel) {
        for (int i = 0; i < SINGLES; i++) {
            long t = System.nanoTime();
            query(agents);
            single.add(System.nanoTime() - t);
        }
        for (int i = 0; i < BATCHES; i++) pool.add(Batch.run(10, QUERIES, () -> query(agents)));
        for (int i = 0; i < BATCHES; i++) parallel.add(Batch.run(QUERIES, QUERIES, () -> query(agents)));
        return SINGLES + 2 * BATCHES * QUERIES;
    }

    private static <S> void query(Agents<S> agents) {
        S session = agents.open();
        String answer = agents.send(session, Canned.HELLO);
        if (!answer.equals(Canned.HELLO_ANSWER)) throw new IllegalStateException("got '" + answer + "'");
    }
}
