package dev.nacre.llm;

import dev.nacre.core.Json;
import dev.nacre.core.Message;
import dev.nacre.core.ToolCall;
import dev.nacre.core.ToolSpec;
import java.util.ArrayList;
import java.util.List;

/** Writes a request in the OpenAI chat-completions shape. */
final class RequestBody {
    private RequestBody() {}

    static Json.Obj of(List<Message> messages, List<ToolSpec> tools, String model, boolean stream) {
        var b = Json.object().put("model", model).put("messages", messages(messages));
        if (!tools.isEmpty()) b.put("tools", tools(tools));
        b.put("stream", stream);
        if (stream) b.put("stream_options", Json.object().put("include_usage", true).build());
        return b.build();
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

    private static Json tools(List<ToolSpec> tools) {
        var out = new ArrayList<Json>();
        for (ToolSpec t : tools) {
            var fn = Json.object().put("name", t.name()).put("description", t.description()).put("parameters", t.parameters()).build();
            out.add(Json.object().put("type", "function").put("function", fn).build());
        }
        return Json.array(out);
    }
}
