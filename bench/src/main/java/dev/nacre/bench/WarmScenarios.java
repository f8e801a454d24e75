package dev.nacre.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenarios inside this JVM ("warm"): agents of several runtimes against the canned server. A
 * single or tool turn is a new agent ({@code open}) and one message, as a process does; a batch is
 * many of those on a pool of virtual threads.
 *
 * <p>Every runtime runs everything once unmeasured before any is measured, and then the measured runs
 * take turns, runtime after runtime, sample by sample, each round starting one runtime later. Measured one after another, the first runtime
 * paid for the JIT compiling the code they share (the scripted server, the JDK's HTTP and JSON paths)
 * while the last, the bare-HTTP floor, ran on code that others had made hot; and a busy spell on the
 * machine fell on one runtime's numbers only.
 */
final class WarmScenarios {
    private final ScenarioIterations iterations;
    private final Progress progress;

    WarmScenarios(ScenarioIterations iterations, Progress progress) {
        this.iterations = iterations;
        this.progress = progress;
    }

    /** Progress steps {@link #measure} takes for {@code runtimes} runtimes. */
    static int steps(int runtimes) {
        return runtimes + 1 + (int) List.of(Scenario.values()).stream().filter(Scenario::isBatch).count();
    }

    /** The measured scenarios of each runtime, by its label, in the order given. */
    Map<String, Map<Scenario, Measured>> measure(List<? extends Agents<?>> runtimes) {
        var subjects = runtimes.stream().map(Subject::new).toList();
        for (var s : subjects) {
            s.turnsAndConversations(iterations.warmSessions(), iterations.warmConversations());
            for (Scenario scenario : Scenario.values()) {
                if (scenario.isBatch()) for (int i = 0; i < iterations.warmBatches(); i++) s.batch(scenario, iterations.queries());
            }
            s.clear();
            progress.step(s.agents.label() + ": warm-up");
        }
        for (int i = 0; i < iterations.warmSessions(); i++) for (var s : rotated(subjects, i)) s.turns();
        for (int i = 0; i < iterations.warmConversations(); i++) for (var s : rotated(subjects, i)) s.conversations();
        progress.step("turns and conversations, runtimes taking turns");
        for (Scenario scenario : Scenario.values()) {
            if (!scenario.isBatch()) continue;
            for (int i = 0; i < iterations.warmBatches(); i++) for (var s : rotated(subjects, i)) s.batch(scenario, iterations.queries());
            progress.step(scenario.label(iterations.queries()) + ", runtimes taking turns");
        }
        var out = new LinkedHashMap<String, Map<Scenario, Measured>>();
        for (var s : subjects) out.put(s.agents.label(), s.results(iterations.queries()));
        return out;
    }

    /** Round {@code round} starts one runtime later than the round before: each runtime goes first equally often. */
    private static <T> List<T> rotated(List<T> list, int round) {
        int k = round % list.size();
        var out = new ArrayList<T>(list.subList(k, list.size()));
        out.addAll(list.subList(0, k));
        return out;
    }

    /** One runtime and its samples so far. */
    private static final class Subject<S> {
        private final Agents<S> agents;
        private final Map<Scenario, Samples> samples = new EnumMap<>(Scenario.class);

        Subject(Agents<S> agents) {
            this.agents = agents;
        }

        void turnsAndConversations(int turns, int conversations) {
            for (int i = 0; i < turns; i++) turns();
            for (int i = 0; i < conversations; i++) conversations();
        }

        void turns() {
            long t0 = System.nanoTime();
            agents.open();
            add(Scenario.INIT, System.nanoTime() - t0);
            long t1 = System.nanoTime();
            query(Canned.HELLO);
            add(Scenario.SINGLE, System.nanoTime() - t1);
            long t2 = System.nanoTime();
            query(Canned.REMEMBER);
            add(Scenario.TOOL, System.nanoTime() - t2);
        }

        void conversations() {
            add(Scenario.CONVERSATION, conversation(true));
            add(Scenario.CONVERSATION_NO_HISTORY, conversation(false));
        }

        void batch(Scenario scenario, int queries) {
            int workers = scenario.isPool() ? scenario.workers() : queries;
            add(scenario, Batch.run(workers, queries, () -> query(Canned.HELLO)));
        }

        void clear() {
            samples.clear();
        }

        Map<Scenario, Measured> results(int queries) {
            var out = new EnumMap<Scenario, Measured>(Scenario.class);
            samples.forEach((s, v) -> out.put(s, s.isPool() ? Measured.rate(v, queries) : Measured.millis(v)));
            return out;
        }

        private void add(Scenario scenario, long nanos) {
            samples.computeIfAbsent(scenario, k -> new Samples()).add(nanos);
        }

        /** A new agent and one message, checked. */
        private void query(String message) {
            S session = agents.open();
            check(agents.send(session, message), message);
        }

        /** {@value Canned#TURNS} messages in one agent, or each in a new one; the wall time of all. */
        private long conversation(boolean history) {
            long start = System.nanoTime();
            S session = agents.open();
            for (int turn = 1; turn <= Canned.TURNS; turn++) {
                if (!history && turn > 1) session = agents.open();
                String message = "Message " + turn;
                check(agents.send(session, message), message);
            }
            return System.nanoTime() - start;
        }
    }

    private static void check(String answer, String message) {
        if (!answer.equals(Canned.answer(message))) throw new IllegalStateException("'" + message + "' got '" + answer + "'");
    }
}
