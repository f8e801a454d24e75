package dev.nacre.core;

/** How a run (one user message, answered) ended. */
public record Outcome(String answer, boolean completed, String reason, int turns, int toolCalls, Usage usage) {}
