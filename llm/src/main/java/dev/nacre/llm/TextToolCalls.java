package dev.nacre.llm;

import dev.nacre.core.Json;
import dev.nacre.core.JsonException;
import dev.nacre.core.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds tool calls that local models write into their answer text instead of sending them as
 * structured {@code tool_calls}: Hermes/Qwen {@code <tool_call>}, {@code <tool_calls>[...]},
 * Mistral {@code [TOOL_CALLS]} and Llama 3's bare JSON object.
 */
final class TextToolCalls {
    /** What is left of the text, and the calls taken out of it. */
    record Found(String text, List<ToolCall> calls) {}

    private static final Pattern HERMES = Pattern.compile(
            "<tool_call>(.*?)(?:</tool_call>|(?=<tool_call>)|\\z)", Pattern.DOTALL);
    private static final Pattern LIST = Pattern.compile("<tool_calls>(.*?)(?:</tool_calls>|\\z)", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");
    private static final String MISTRAL = "[TOOL_CALLS]";
    private static final String PYTHON_TAG = "<|python_tag|>";

    private final Set<String> toolNames;
    private final List<ToolCall> calls = new ArrayList<>();
    private int nextId;

    private TextToolCalls(Set<String> toolNames, int firstId) {
        this.toolNames = toolNames;
        this.nextId = firstId;
    }

    /**
     * Takes the calls out of {@code text}. Bare JSON counts as a call only when it names one of
     * {@code toolNames}, so an answer that merely is JSON stays an answer. Ids are "call_N" from {@code firstId}.
     */
    static Found extract(String text, Set<String> toolNames, int firstId) {
        return new TextToolCalls(toolNames, firstId).scan(text);
    }

    /** Where a text tool call may begin: streaming stops showing text there. */
    static final List<String> MARKERS = List.of("<tool_call", MISTRAL, PYTHON_TAG);

    private Found scan(String text) {
        String rest = replaceAll(LIST.matcher(text), this::tagged);
        rest = replaceAll(HERMES.matcher(rest), this::tagged);
        int mistral = rest.indexOf(MISTRAL);
        if (mistral >= 0) {
            mistral(rest.substring(mistral + MISTRAL.length()));
            rest = rest.substring(0, mistral);
        }
        if (calls.isEmpty()) rest = bareJson(rest);
        return new Found(calls.isEmpty() ? text : rest.strip(), List.copyOf(calls));
    }

    private interface Body {
        void take(String body);
    }

    private static String replaceAll(Matcher m, Body body) {
        var out = new StringBuilder();
        while (m.find()) {
            body.take(m.group(1));
            m.appendReplacement(out, "");
        }
        m.appendTail(out);
        return out.toString();
    }

    private void tagged(String body) {
        try {
            add(JsonRepair.parse(body));
        } catch (JsonException e) {
            unparsable(body, e);
        }
    }

    /** {@code [TOOL_CALLS][{...}]} or the newer {@code [TOOL_CALLS]name[ARGS]{...}}. */
    private void mistral(String body) {
        String b = body.strip();
        int args = b.indexOf("[ARGS]");
        if (!b.startsWith("[") && !b.startsWith("{") && args > 0) {
            calls.add(ToolArguments.fromText(id(), b.substring(0, args).strip(), b.substring(args + 6)));
            return;
        }
        for (String part : b.split("\\Q" + MISTRAL + "\\E")) {
            try {
                add(JsonRepair.parse(part));
            } catch (JsonException e) {
                unparsable(part, e);
            }
        }
    }

    /** Llama 3: the whole message is {"name": .., "parameters": ..}, maybe after <|python_tag|>. */
    private String bareJson(String text) {
        String s = text.strip();
        boolean tagged = s.startsWith(PYTHON_TAG);
        if (tagged) s = s.substring(PYTHON_TAG.length()).strip();
        for (String end : List.of("<|eom_id|>", "<|eot_id|>")) if (s.endsWith(end)) s = s.substring(0, s.length() - end.length()).strip();
        s = JsonRepair.stripFence(s);
        if (!s.startsWith("{") && !s.startsWith("[")) return text;
        List<Json> items = new ArrayList<>();
        try {
            for (String part : s.split("(?<=})\\s*;\\s*(?=\\{)")) {
                switch (JsonRepair.parse(part)) {
                    case Json.Arr(List<Json> list) -> items.addAll(list);
                    case Json value -> items.add(value);
                }
            }
        } catch (JsonException e) {
            return text;
        }
        for (Json item : items) {
            if (!(item instanceof Json.Obj o) || !looksLikeCall(o, tagged)) return text;
        }
        items.forEach(this::add);
        return "";
    }

    private boolean looksLikeCall(Json.Obj o, boolean tagged) {
        String name = o.string("name", "");
        boolean hasArgs = o.get("parameters").isPresent() || o.get("arguments").isPresent();
        return !name.isEmpty() && hasArgs && (toolNames.contains(name) || (tagged && toolNames.isEmpty()));
    }

    private void add(Json value) {
        switch (value) {
            case Json.Arr(List<Json> items) -> items.forEach(this::add);
            case Json.Obj o -> {
                var fn = o.object("function");
                String name = o.string("name", fn.string("name", ""));
                Json args = o.get("arguments").or(() -> o.get("parameters")).or(() -> fn.get("arguments")).orElse(Json.EMPTY_OBJ);
                var call = ToolArguments.fromValue(id(), name, args);
                calls.add(name.isEmpty() && !call.malformed()
                        ? new ToolCall(call.id(), "", Json.EMPTY_OBJ, "the tool call names no tool: " + o.print()) : call);
            }
            default -> calls.add(new ToolCall(id(), "", Json.EMPTY_OBJ, "a tool call must be a JSON object, not " + value.print()));
        }
    }

    private void unparsable(String body, JsonException e) {
        Matcher m = NAME.matcher(body);
        String name = m.find() ? m.group(1) : "";
        String quoted = body.strip().length() > 200 ? body.strip().substring(0, 200) + "..." : body.strip();
        calls.add(new ToolCall(id(), name, Json.EMPTY_OBJ, "the tool call is not valid JSON (" + e.getMessage() + "): " + quoted));
    }

    private String id() {
        return "call_" + nextId++;
    }
}
