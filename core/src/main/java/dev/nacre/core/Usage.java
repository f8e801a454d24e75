package dev.nacre.core;

/** Token counts as the provider reported them. */
public record Usage(long promptTokens, long completionTokens) {
    public static final Usage ZERO = new Usage(0, 0);

    public Usage plus(Usage other) {
        return new Usage(promptTokens + other.promptTokens, completionTokens + other.completionTokens);
    }
}
