package dev.nacre.bench;

import dev.nacre.runtime.AgentSession;
import dev.nacre.runtime.RunResult;
import dev.nacre.runtime.SessionSetup;
import dev.nacre.runtime.UserChannel;
import dev.nacre.tools.BuiltinTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Harness overhead per turn in one warm JVM: a real {@link AgentSession} with the built-in tools
 * and a zero-latency {@link CannedModel}, so every nanosecond measured is Nacre's (journal, core
 * step, request building, the virtual-thread hop to the provider).
 */
final class TurnBench {
    static final String ONE_TURN = "1 turn: new session + message + answer";
    static final String PER_TURN = "20-turn conversation: per turn (history grows)";
    static final String TURN_20 = "20-turn conversation: turn 20 alone";
    static final String WHOLE = "20-turn conversation: whole (new session + 20 turns)";

    // About the size of the CLI's prompt, so requests carry the same weight.
    static final String SYSTEM_PROMPT = """
            You are Nacre, a capable assistant that solves tasks by reasoning and by calling tools.
            Call a tool when it helps; answer directly when it does not. When a task has several steps, \
            keep a todo list. Save durable facts about the user or the environment with the memory tool. \
            When you are done, reply with the final answer only.""";

    private final Iterations iterations;
    private final Path workDir;

    TurnBench(Iterations iterations, Path workDir) {
        this.iterations = iterations;
        this.workDir = workDir;
    }

    /** The rows for one journal: 1 turn, per turn, turn 20, whole conversation. */
    List<ResultTable.Row> measure(Store store) {
        Path dir = directory(store);
        var journal = store.open(dir);
        try {
            var setup = SessionSetup.of(journal, new CannedModel(), BuiltinTools.toolbox(dir.resolve("memories"), journal), SYSTEM_PROMPT);
            var discard = new Samples();
            for (int i = 0; i < iterations.warmupSessions(); i++) oneTurn(setup, discard);
            for (int i = 0; i < iterations.warmupConversations(); i++) conversation(setup, discard, discard, discard);
            System.gc();

            var oneTurn = new Samples();
            for (int i = 0; i < iterations.oneTurnSessions(); i++) oneTurn(setup, oneTurn);
            var perTurn = new Samples();
            var last = new Samples();
            var whole = new Samples();
            for (int i = 0; i < iterations.conversations(); i++) conversation(setup, perTurn, last, whole);
            return List.of(row(store, ONE_TURN, oneTurn), row(store, PER_TURN, perTurn),
                    row(store, TURN_20, last), row(store, WHOLE, whole));
        } finally {
            if (journal instanceof AutoCloseable c) close(c);
        }
    }

    private static void oneTurn(SessionSetup setup, Samples into) {
        long start = System.nanoTime();
        var session = AgentSession.start(setup);
        var result = session.send("Hello", UserChannel.HEADLESS);
        into.add(System.nanoTime() - start);
        check(result);
    }

    private static void conversation(SessionSetup setup, Samples perTurn, Samples last, Samples whole) {
        long start = System.nanoTime();
        var session = AgentSession.start(setup);
        for (int turn = 1; turn <= Iterations.TURNS; turn++) {
            long t = System.nanoTime();
            var result = session.send("Message " + turn, UserChannel.HEADLESS);
            long elapsed = System.nanoTime() - t;
            perTurn.add(elapsed);
            if (turn == Iterations.TURNS) last.add(elapsed);
            check(result);
        }
        whole.add(System.nanoTime() - start);
    }

    /** A run that failed would measure the error path, not a turn. */
    private static void check(RunResult result) {
        if (!result.outcome().completed()) throw new IllegalStateException("run did not complete: " + result.outcome().reason());
    }

    private static ResultTable.Row row(Store store, String what, Samples samples) {
        return new ResultTable.Row(store.label + " · " + what, samples.stats(), Optional.empty());
    }

    /** The SQLite rows with their ratio to the same measurement on the in-memory journal. */
    static List<ResultTable.Row> withDurabilityRatio(List<ResultTable.Row> memory, List<ResultTable.Row> sqlite) {
        var rows = new ArrayList<>(memory);
        for (int i = 0; i < sqlite.size(); i++) {
            var s = sqlite.get(i);
            double ratio = (double) s.stats().median() / memory.get(i).stats().median();
            rows.add(new ResultTable.Row(s.label(), s.stats(), Optional.of(ratio)));
        }
        return rows;
    }

    private Path directory(Store store) {
        try {
            return Files.createDirectories(workDir.resolve(store.name().toLowerCase()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the journal", e);
        }
    }
}
