package dev.nacre.store;

import dev.nacre.core.Event;
import dev.nacre.core.Json;
import dev.nacre.core.Message;
import dev.nacre.core.ToolSpec;
import dev.nacre.core.Usage;
import dev.nacre.runtime.SessionInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The journal's share of bench's "harness overhead per turn", without the rest of the runtime: the
 * calls {@code AgentSession} makes, with events the size of bench's (a 4.3 KB SessionStarted with
 * four tool specs, a short user message, a short answer). Prints the median wall time (µs), p90 in
 * brackets, and the mean CPU time: of the calling thread, or of the whole process (every thread, the
 * JIT too, counted in 10 ms ticks) for the parallel batch. CPU time moves less than wall time when
 * other processes load the machine.
 * Not a test; run as the README's "Measured" section shows.
 *
 * <ul>
 *   <li>turn: on a live session, append UserMessage + ModelResponded (a turn of a 20-turn conversation);
 *   <li>new session: the session (titled), SessionStarted and UserMessage in one write, then ModelResponded;
 *   <li>50 parallel: 50 virtual threads each doing one "new session" at once; wall time of the batch.
 * </ul>
 */
public final class JournalWorkloads {
    private static final AtomicLong IDS = new AtomicLong();
    // The JIT takes a while on two cores; until it is done, a turn costs twice as much.
    private static final int WARM_UP_ROUNDS = 4;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        Path dir = Files.createTempDirectory("nacre-journal-workloads");
        try (var journal = SqliteJournal.open(dir.resolve("state.db"))) {
            var turn = new Samples();
            var newSession = new Samples();
            var parallel = new Samples();
            for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
                var t = new Samples();
                var n = new Samples();
                var p = new Samples();
                for (int i = 0; i < 20; i++) {
                    String id = newSession(journal, n);
                    for (int k = 0; k < 20; k++) turn(journal, id, k, t);
                }
                for (int i = 0; i < 5; i++) parallel(journal, 50, p);
                if (round < 0) continue;
                turn.addAll(t);
                newSession.addAll(n);
                parallel.addAll(p);
            }
            System.out.printf(Locale.ROOT, "turn (user + answer)        %s%n", turn);
            System.out.printf(Locale.ROOT, "new session + turn          %s%n", newSession);
            System.out.printf(Locale.ROOT, "50 parallel new sessions    %s%n", parallel);
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) Files.delete(f);
            }
            Files.delete(dir);
        }
    }

    /** What AgentSession.start + the first send journal: the session, its start and the message in one write, then the answer. */
    private static String newSession(SqliteJournal journal, Samples into) {
        long start = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        String id = "s" + IDS.incrementAndGet();
        long now = System.currentTimeMillis();
        journal.start(new SessionInfo(id, "Hello", "model-x", now, ""), STARTED, now, new Event.UserMessage("Hello"), now);
        journal.append(id, ANSWER, now);
        if (into != null) into.add(System.nanoTime() - start, THREADS.getCurrentThreadCpuTime() - cpu);
        return id;
    }

    private static void turn(SqliteJournal journal, String id, int k, Samples into) {
        long start = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long now = System.currentTimeMillis();
        journal.append(id, new Event.UserMessage("Message " + k), now);
        journal.append(id, ANSWER, now);
        into.add(System.nanoTime() - start, THREADS.getCurrentThreadCpuTime() - cpu);
    }

    private static void parallel(SqliteJournal journal, int agents, Samples into) {
        long start = System.nanoTime();
        long cpu = PROCESS.getProcessCpuTime();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < agents; i++) executor.submit(() -> newSession(journal, null));
        }
        into.add(System.nanoTime() - start, PROCESS.getProcessCpuTime() - cpu);
    }

    /** Wall and CPU nanoseconds of each sample. */
    private record Samples(List<Long> wall, List<Long> cpu) {
        Samples() {
            this(new ArrayList<>(), new ArrayList<>());
        }

        void add(long wallNanos, long cpuNanos) {
            wall.add(wallNanos);
            cpu.add(cpuNanos);
        }

        void addAll(Samples other) {
            wall.addAll(other.wall);
            cpu.addAll(other.cpu);
        }

        @Override
        public String toString() {
            long[] w = wall.stream().mapToLong(Long::longValue).sorted().toArray();
            double cpuMean = cpu.stream().mapToLong(Long::longValue).average().orElse(0);
            return String.format(Locale.ROOT, "wall %9.1f µs [p90 %9.1f]  cpu mean %9.1f µs  n=%d", w[w.length / 2] / 1e3,
                    w[(int) (w.length * 0.9)] / 1e3, cpuMean / 1e3, w.length);
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static final Event ANSWER = new Event.ModelResponded(Message.Assistant.text("Hello!"), new Usage(100, 50));
    private static final Event STARTED = started();

    /** About bench's SessionStarted: a 400-character prompt and four tools with JSON-schema parameters. */
    private static Event started() {
        String prompt = "You are Nacre, a capable assistant that solves tasks by reasoning and by calling tools. ".repeat(5);
        var tools = new ArrayList<ToolSpec>();
        for (String name : List.of("todo", "memory", "session_search", "clarify")) {
            var properties = Json.object();
            for (String p : List.of("action", "target", "content", "limit")) {
                properties.put(p, Json.object().put("type", "string")
                        .put("description", "What " + p + " means for " + name + ", in one sentence of about this length here.").build());
            }
            Json params = Json.object().put("type", "object").put("properties", properties.build())
                    .put("required", Json.array(List.of(Json.of("action")))).build();
            tools.add(ToolSpec.of(name, ("Does " + name + " for the current session; call it when it helps. ").repeat(4), params, "builtin"));
        }
        return new Event.SessionStarted(prompt, tools, 50);
    }
}
