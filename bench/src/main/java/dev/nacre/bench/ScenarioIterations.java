package dev.nacre.bench;

/**
 * How much work the scenario benchmark (the reference benchmark's scenarios) does.
 *
 * @param processRuns       runs of each one-process scenario, per runtime (the reference took medians of 5)
 * @param swarmRuns         batches of each parallel / worker-pool scenario run as processes (the reference: 3)
 * @param peerSwarmRuns     the same for LangChain4j processes (each start costs about 2 s of CPU; 0 skips them)
 * @param queries           queries per parallel / worker-pool batch (the reference: 50)
 * @param warmSessions      in-process single and tool turns measured per runtime (as many again warm up first)
 * @param warmConversations in-process 20-turn conversations measured per runtime and kind (as many again warm up)
 * @param warmBatches       in-process parallel / worker-pool batches measured per runtime
 * @param idleSessions      sessions held at once to measure heap per idle session
 * @param profiledBatches   pool-of-10 batches per runtime run under JFR's CPU-time sampler for the report's profile
 */
record ScenarioIterations(int processRuns, int swarmRuns, int peerSwarmRuns, int queries, int warmSessions,
                          int warmConversations, int warmBatches, int idleSessions, int profiledBatches) {

    static ScenarioIterations full() {
        return new ScenarioIterations(11, 3, 1, 50, 500, 50, 20, 2_000, 60);
    }

    static ScenarioIterations quick() {
        return new ScenarioIterations(1, 1, 0, 10, 30, 3, 3, 50, 2);
    }

    String describe() {
        return ("scenarios: %d runs per one-process scenario, %d batches of %d queries per parallel/pool scenario as processes "
                + "(LangChain4j: %d), in process %d + %d turns, %d + %d conversations, %d batches, %d idle sessions, "
                + "%d pool batches profiled per runtime")
                .formatted(processRuns, swarmRuns, queries, peerSwarmRuns, warmSessions, warmSessions, warmConversations,
                        warmConversations, warmBatches, idleSessions, profiledBatches);
    }
}
