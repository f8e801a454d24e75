package dev.nacre.bench;

import java.util.EnumMap;
import java.util.Map;

/**
 * The scenarios inside this JVM ("warm"): agents from one {@link Agents} against the canned server,
 * after as many unmeasured runs of each as are measured. A single or tool turn is a new agent
 * ({@code open}) and one message, as a process does; a batch is many of those on a pool of virtual threads.
 */
final class WarmScenarios {
    private final ScenarioIterations iterations;
    private final Progress progress;

    WarmScenarios(ScenarioIterations iterations, Progress progress) {
        this.iterations = iterations;
        this.progress = progress;
    }

    <S> Map<Scenario, Measured> measure(Agents<S> agents) {
        var out = new EnumMap<Scenario, Measured>(Scenario.class);
        int n = iterations.warmSessions();
        int c = iterations.warmConversations();
        for (boolean measured : new boolean[] {false, true}) {
            var init = new Samples();
            var single = new Samples();
            var tool = new Samples();
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                agents.open();
                init.add(System.nanoTime() - t0);
                long t1 = System.nanoTime();
                query(agents, Canned.HELLO);
                single.add(System.nanoTime() - t1);
                long t2 = System.nanoTime();
                query(agents, Canned.REMEMBER);
                tool.add(System.nanoTime() - t2);
            }
            var history = new Samples();
            var noHistory = new Samples();
            for (int i = 0; i < c; i++) {
                history.add(conversation(agents, true));
                noHistory.add(conversation(agents, false));
            }
            progress.step(agents.label() + ": turns and conversations" + (measured ? "" : " (warm-up)"));
            if (measured) {
                out.put(Scenario.INIT, Measured.millis(init));
                out.put(Scenario.SINGLE, Measured.millis(single));
                out.put(Scenario.TOOL, Measured.millis(tool));
                out.put(Scenario.CONVERSATION, Measured.millis(history));
                out.put(Scenario.CONVERSATION_NO_HISTORY, Measured.millis(noHistory));
            }
        }
        int queries = iterations.queries();
        for (Scenario s : Scenario.values()) {
            if (!s.isBatch()) continue;
            int workers = s.isPool() ? s.workers() : queries;
            for (int i = 0; i < iterations.warmBatches(); i++) Batch.run(workers, queries, () -> query(agents, Canned.HELLO));
            var batches = new Samples();
            for (int i = 0; i < iterations.warmBatches(); i++) batches.add(Batch.run(workers, queries, () -> query(agents, Canned.HELLO)));
            out.put(s, s.isPool() ? Measured.rate(batches, queries) : Measured.millis(batches));
            progress.step(agents.label() + ": " + s.label(queries));
        }
        return out;
    }

    /** A new agent and one message, checked. */
    private static <S> void query(Agents<S> agents, String message) {
        S session = agents.open();
        check(agents.send(session, message), message);
    }

    /** {@value Canned#TURNS} messages in one agent, or each in a new one; the wall time of all. */
    private static <S> long conversation(Agents<S> agents, boolean history) {
        long start = System.nanoTime();
        S session = agents.open();
        for (int turn = 1; turn <= Canned.TURNS; turn++) {
            if (!history && turn > 1) session = agents.open();
            String message = "Message " + turn;
            check(agents.send(session, message), message);
        }
        return System.nanoTime() - start;
    }

    private static void check(String answer, String message) {
        if (!answer.equals(Canned.answer(message))) throw new IllegalStateException("'" + message + "' got '" + answer + "'");
    }
}
