package dev.nacre.runtime;

import dev.nacre.core.Event;

/** One journaled event: its place in the session, when it happened, and its chained hash. */
public record JournalEntry(String sessionId, long seq, long atMillis, Event event, String hash) {}
