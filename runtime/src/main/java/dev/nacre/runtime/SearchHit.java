package dev.nacre.runtime;

/** A message that matched a search, with a snippet around the match and its rank (lower is better). */
public record SearchHit(String sessionId, String sessionTitle, String role, String snippet, double rank, long atMillis) {}
