package dev.nacre.llm;

import dev.nacre.core.Json;
import dev.nacre.core.Message;
import dev.nacre.core.ToolCall;
import dev.nacre.core.ToolSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a request in the OpenAI chat-completions shape: compact JSON with the fields in the order
 * {@code model, messages, tools, stream, stream_options}. The tools are passed in already printed
 * ({@link #tools}): they are the same for every request of a session, and of most sessions.
 */
final class RequestBody {
    private RequestBody() {}

    static String print(List<Message> messages, String printedTools, String model, boolean stream) {
        var out = new StringBuilder(printedTools.length() + 1024);
        out.append("{\"model\":").append(Json.of(model).print());
        out.append(",\"messages\":").append(messages(messages).print());
        if (!printedTools.isEmpty()) out.append(",\"tools\":").append(printedTools);
        out.append(",\"stream\":").append(stream);
        if (stream) out.append(",\"stream_options\":{\"include_usage\":true}");
        return out.append('}').toString();
    }

    /** The {@code tools} field printed, or "" when there are none (the field is then left out). */
    static String tools(List<ToolSpec> tools) {
        return tools.isEmpty() ? "" : toolsJson(tools).print();
    }

    private static Json messages(List<Message> messages) {
        var out = new ArrayList<Json>();
        for (Message m : messages) {
            out.add(switch (m) {
                case Message.System s -> Json.object().put("role", "system").put("content", s.text()).build();
                case Message.User u -> Json.object().put("role", "user").put("content", u.text()).build();
                case Message.Assistant a -> assistant(a);
                case Message.Tool t -> Json.object().put("role", "tool").put("tool_call_id", t.callId())
                        .put("content", t.content()).build();
            });
        }
        return Json.array(out);
    }

    private static Json assistant(Message.Assistant a) {
        var b = Json.object().put("role", "assistant");
        if (a.toolCalls().isEmpty()) return b.put("content", a.text()).build();
        b.put("content", a.text().isEmpty() ? Json.NULL : Json.of(a.text()));
        var calls = new ArrayList<Json>();
        for (ToolCall c : a.toolCalls()) {
            var fn = Json.object().put("name", c.name()).put("arguments", c.arguments().print()).build();
            calls.add(Json.object().put("id", c.id()).put("type", "function").put("function", fn).build());
        }
        return b.put("tool_calls", Json.array(calls)).build();
    }

    private static Json toolsJson(List<ToolSpec> tools) {
        var out = new ArrayList<Json>();
        for (ToolSpec t : tools) {
            var fn = Json.object().put("name", t.name()).put("description", t.description()).put("parameters", t.parameters()).build();
            out.add(Json.object().put("type", "function").put("function", fn).build());
        }
        return Json.array(out);
    }
}
