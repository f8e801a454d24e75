package dev.nacre.runtime;

/** What a running tool may know and use: its session, its call and the user (for interactive tools). */
public record ToolContext(String sessionId, String callId, UserChannel user) {}
