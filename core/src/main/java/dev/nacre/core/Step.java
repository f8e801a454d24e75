package dev.nacre.core;

import java.util.List;

/** The result of one {@link Agent#step}: the next state and what to do about it. */
public record Step(AgentState state, List<Effect> effects) {
    public Step {
        effects = List.copyOf(effects);
    }
}
