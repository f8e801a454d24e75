package dev.nacre.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole state of a session. Immutable: {@link Agent#step} returns a new one.
 * {@code turns}, {@code toolCalls} and {@code runUsage} count the current run only.
 */
public record AgentState(String systemPrompt, List<ToolSpec> tools, int maxTurns, List<Message> messages,
                         Phase phase, int turns, int toolCalls, Usage runUsage, Usage totalUsage) {

    public AgentState {
        tools = List.copyOf(tools);
        messages = List.copyOf(messages);
    }

    /** The state before any event: no session yet. */
    public static final AgentState NEW = new AgentState("", List.of(), 0, List.of(), Phase.IDLE, 0, 0, Usage.ZERO, Usage.ZERO);

    public boolean started() {
        return !messages.isEmpty();
    }

    public boolean idle() {
        return phase instanceof Phase.Idle;
    }

    AgentState with(Phase next) {
        return new AgentState(systemPrompt, tools, maxTurns, messages, next, turns, toolCalls, runUsage, totalUsage);
    }

    AgentState append(Message message) {
        var copy = new ArrayList<Message>(messages.size() + 1);
        copy.addAll(messages);
        copy.add(message);
        return withMessages(copy);
    }

    AgentState withMessages(List<Message> next) {
        return new AgentState(systemPrompt, tools, maxTurns, next, phase, turns, toolCalls, runUsage, totalUsage);
    }

    AgentState newRun() {
        return new AgentState(systemPrompt, tools, maxTurns, messages, phase, 0, 0, Usage.ZERO, totalUsage);
    }

    AgentState counted(Usage usage, int calls) {
        return new AgentState(systemPrompt, tools, maxTurns, messages, phase, turns + 1, toolCalls + calls,
                runUsage.plus(usage), totalUsage.plus(usage));
    }
}
