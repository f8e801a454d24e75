package dev.nacre.runtime;

import dev.nacre.core.Output;
import dev.nacre.core.ToolCall;
import java.util.List;

/** The person at the other end, as the surface (CLI, HTTP) presents them. Defaults suit a non-interactive run. */
public interface UserChannel {
    UserChannel HEADLESS = new UserChannel() {};

    default void show(Output output) {}

    /** Whether the user approves the call. Headless runs deny. */
    default boolean approve(ToolCall call, String reason) {
        return false;
    }

    /** Asks a question; an empty answer when nobody can answer. */
    default String ask(String question, List<String> choices) {
        return "";
    }

    /** Streaming pieces of the model's reply. */
    default ModelStream stream() {
        return ModelStream.NONE;
    }
}
