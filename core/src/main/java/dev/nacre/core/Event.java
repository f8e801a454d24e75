package dev.nacre.core;

import java.util.List;

/**
 * Everything that enters the agent from outside. The runtime journals each event before it
 * acts on the effects that follow, so replaying a journal's events reproduces the run.
 */
public sealed interface Event {

    /** Opens a session: the system prompt (byte-stable for the whole session), the tools and the per-run budget. */
    record SessionStarted(String systemPrompt, List<ToolSpec> tools, int maxTurns) implements Event {
        public SessionStarted {
            tools = List.copyOf(tools);
        }
    }

    record UserMessage(String text) implements Event {}

    record ModelResponded(Message.Assistant message, Usage usage) implements Event {}

    /** The provider failed for good (after its retries and fallbacks). */
    record ModelFailed(String error) implements Event {}

    /** Results of one batch, in call order. */
    record ToolResults(List<Message.Tool> results) implements Event {
        public ToolResults {
            results = List.copyOf(results);
        }
    }

    record ApprovalDecision(String callId, boolean approved) implements Event {}

    record Interrupt(String reason) implements Event {}

    /** Removes the last user message and everything after it. */
    record Undo() implements Event {}

    /**
     * What a tool call really did (capabilities used, fuel, outcome), as the executor observed it.
     * Recorded for audit; it does not change the conversation.
     */
    record ToolAudit(String callId, String tool, Json record) implements Event {}
}
