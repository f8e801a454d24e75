package dev.nacre.core;

/**
 * A call the model asked for. {@code argumentError} is empty when the arguments parsed;
 * otherwise it says why they did not, and the call is answered with that error instead of run.
 */
public record ToolCall(String id, String name, Json arguments, String argumentError) {

    public static ToolCall of(String id, String name, Json arguments) {
        return new ToolCall(id, name, arguments, "");
    }

    public boolean malformed() {
        return !argumentError.isEmpty();
    }
}
