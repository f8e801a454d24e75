package dev.nacre.sandbox;

/** Why a call failed. {@link #wire()} is the name used in results, audit records and docs. */
public enum ErrorKind {
    FUEL_EXHAUSTED,
    TIMEOUT,
    MEMORY_LIMIT,
    OUTPUT_LIMIT,
    DENIED,
    TRAP,
    INVALID_OUTPUT,
    INVALID_MODULE,
    INVALID_ARGUMENTS,
    EXIT;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
