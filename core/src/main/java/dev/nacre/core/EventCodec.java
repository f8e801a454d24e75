package dev.nacre.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Events to JSON and back. The journal stores this form and hashes its canonical printing,
 * so a field added here changes hashes: add fields, never rename them.
 */
public final class EventCodec {
    private EventCodec() {}

    public static Json.Obj encode(Event event) {
        var b = Json.object().put("type", type(event));
        switch (event) {
            case Event.SessionStarted s -> b.put("system_prompt", s.systemPrompt())
                    .put("tools", encodeSpecs(s.tools()))
                    .put("max_turns", s.maxTurns());
            case Event.UserMessage u -> b.put("text", u.text());
            case Event.ModelResponded r -> b.put("message", encodeMessage(r.message()))
                    .put("usage", Json.object().put("prompt_tokens", r.usage().promptTokens())
                            .put("completion_tokens", r.usage().completionTokens()).build());
            case Event.ModelFailed f -> b.put("error", f.error());
            case Event.ToolResults r -> b.put("results", Json.array(r.results().stream().map(EventCodec::encodeMessage).toList()));
            case Event.ApprovalDecision d -> b.put("call_id", d.callId()).put("approved", d.approved());
            case Event.Interrupt i -> b.put("reason", i.reason());
            case Event.Undo u -> { }
            case Event.ToolAudit a -> b.put("call_id", a.callId()).put("tool", a.tool()).put("record", a.record());
        }
        return b.build();
    }

    /** The {@code type} field of the event's JSON form. */
    public static String type(Event event) {
        return switch (event) {
            case Event.SessionStarted s -> "session_started";
            case Event.UserMessage u -> "user_message";
            case Event.ModelResponded r -> "model_responded";
            case Event.ModelFailed f -> "model_failed";
            case Event.ToolResults r -> "tool_results";
            case Event.ApprovalDecision d -> "approval";
            case Event.Interrupt i -> "interrupt";
            case Event.Undo u -> "undo";
            case Event.ToolAudit a -> "tool_audit";
        };
    }

    public static Event decode(Json json) {
        if (!(json instanceof Json.Obj o)) throw new JsonException("an event must be a JSON object", 0);
        String type = o.string("type", "");
        return switch (type) {
            case "session_started" -> new Event.SessionStarted(o.string("system_prompt", ""),
                    o.array("tools").stream().map(EventCodec::decodeSpec).toList(), (int) o.number("max_turns", 90));
            case "user_message" -> new Event.UserMessage(o.string("text", ""));
            case "model_responded" -> new Event.ModelResponded(decodeAssistant(o.object("message")),
                    new Usage(o.object("usage").number("prompt_tokens", 0), o.object("usage").number("completion_tokens", 0)));
            case "model_failed" -> new Event.ModelFailed(o.string("error", ""));
            case "tool_results" -> new Event.ToolResults(o.array("results").stream()
                    .map(EventCodec::decodeToolResult).toList());
            case "approval" -> new Event.ApprovalDecision(o.string("call_id", ""), o.bool("approved", false));
            case "interrupt" -> new Event.Interrupt(o.string("reason", ""));
            case "undo" -> new Event.Undo();
            case "tool_audit" -> new Event.ToolAudit(o.string("call_id", ""), o.string("tool", ""),
                    o.get("record").orElse(Json.EMPTY_OBJ));
            default -> throw new JsonException("unknown event type '" + type + "'", 0);
        };
    }

    public static Json.Obj encodeMessage(Message message) {
        var b = Json.object().put("role", message.role());
        switch (message) {
            case Message.System s -> b.put("content", s.text());
            case Message.User u -> b.put("content", u.text());
            case Message.Assistant a -> {
                b.put("content", a.text());
                if (!a.reasoning().isEmpty()) b.put("reasoning", a.reasoning());
                if (!a.toolCalls().isEmpty()) {
                    b.put("tool_calls", Json.array(a.toolCalls().stream().map(EventCodec::encodeCall).toList()));
                }
            }
            case Message.Tool t -> {
                b.put("tool_call_id", t.callId()).put("name", t.name()).put("content", t.content());
                if (t.isError()) b.put("is_error", true);
            }
        }
        return b.build();
    }

    public static Message decodeMessage(Json json) {
        if (!(json instanceof Json.Obj o)) throw new JsonException("a message must be a JSON object", 0);
        String content = o.string("content", "");
        return switch (o.string("role", "")) {
            case "system" -> new Message.System(content);
            case "user" -> new Message.User(content);
            case "assistant" -> {
                var calls = new ArrayList<ToolCall>();
                for (Json c : o.array("tool_calls")) calls.add(decodeCall(c));
                yield new Message.Assistant(content, o.string("reasoning", ""), calls);
            }
            case "tool" -> new Message.Tool(o.string("tool_call_id", ""), o.string("name", ""), content,
                    o.bool("is_error", false));
            default -> throw new JsonException("unknown message role '" + o.string("role", "") + "'", 0);
        };
    }

    // A wrong role is malformed input: a JsonException, not a ClassCastException.
    private static Message.Assistant decodeAssistant(Json json) {
        if (decodeMessage(json) instanceof Message.Assistant a) return a;
        throw new JsonException("expected a message with role 'assistant'", 0);
    }

    private static Message.Tool decodeToolResult(Json json) {
        if (decodeMessage(json) instanceof Message.Tool t) return t;
        throw new JsonException("expected a message with role 'tool'", 0);
    }

    private static Json encodeCall(ToolCall c) {
        var b = Json.object().put("id", c.id()).put("name", c.name()).put("arguments", c.arguments());
        if (c.malformed()) b.put("argument_error", c.argumentError());
        return b.build();
    }

    private static ToolCall decodeCall(Json json) {
        var o = json instanceof Json.Obj obj ? obj : Json.EMPTY_OBJ;
        return new ToolCall(o.string("id", ""), o.string("name", ""), o.get("arguments").orElse(Json.EMPTY_OBJ),
                o.string("argument_error", ""));
    }

    /** The {@code tools} of a {@link Event.SessionStarted}, as it is encoded. */
    public static Json encodeSpecs(List<ToolSpec> specs) {
        var out = new ArrayList<Json>(specs.size());
        for (ToolSpec s : specs) out.add(encodeSpec(s));
        return Json.array(out);
    }

    public static Json encodeSpec(ToolSpec s) {
        return Json.object().put("name", s.name()).put("description", s.description())
                .put("parameters", s.parameters()).put("toolset", s.toolset())
                .put("interactive", s.interactive()).put("needs_approval", s.needsApproval()).build();
    }

    public static ToolSpec decodeSpec(Json json) {
        var o = json instanceof Json.Obj obj ? obj : Json.EMPTY_OBJ;
        return new ToolSpec(o.string("name", ""), o.string("description", ""),
                o.get("parameters").orElse(Json.EMPTY_OBJ), o.string("toolset", ""),
                o.bool("interactive", false), o.bool("needs_approval", false));
    }

    /** Decodes a list of events, as a journal read returns them. */
    public static List<Event> decodeAll(List<Json> events) {
        return events.stream().map(EventCodec::decode).toList();
    }
}
