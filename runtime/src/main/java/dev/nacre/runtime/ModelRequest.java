package dev.nacre.runtime;

import dev.nacre.core.Message;
import dev.nacre.core.ToolSpec;
import java.util.List;

/** One chat completion request. An empty {@code model} means the client's default. */
public record ModelRequest(String model, List<Message> messages, List<ToolSpec> tools) {
    public ModelRequest {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
    }
}
