package dev.nacre.cli;

/**
 * The system prompt. Built once per session from fixed text and the memory snapshot, and kept
 * byte-identical for the whole session so providers can cache it.
 */
final class SystemPrompt {
    private static final String BASE = """
            You are Nacre, a capable assistant that solves tasks by reasoning and by calling tools.
            Call a tool when it helps; answer directly when it does not. When a task has several steps, \
            keep a todo list. Save durable facts about the user or the environment with the memory tool. \
            When you are done, reply with the final answer only.""";

    private SystemPrompt() {}

    static String build(String memorySnapshot) {
        return memorySnapshot.isBlank() ? BASE : BASE + "\n\n" + memorySnapshot.strip();
    }
}
