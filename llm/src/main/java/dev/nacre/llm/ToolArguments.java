package dev.nacre.llm;

import dev.nacre.core.Json;
import dev.nacre.core.JsonException;
import dev.nacre.core.ToolCall;

/** Turns the arguments a model sent into a {@link ToolCall}, or a call that carries why they are unusable. */
final class ToolArguments {
    private static final int QUOTE_LIMIT = 200;

    private ToolArguments() {}

    static ToolCall fromText(String id, String name, String raw) {
        if (raw.isBlank()) return ToolCall.of(id, name, Json.EMPTY_OBJ);
        try {
            return fromValue(id, name, JsonRepair.parse(raw));
        } catch (JsonException e) {
            return new ToolCall(id, name, Json.EMPTY_OBJ,
                    "the arguments are not valid JSON (" + e.getMessage() + "): " + quote(raw));
        }
    }

    static ToolCall fromValue(String id, String name, Json value) {
        return switch (value) {
            case Json.Obj o -> ToolCall.of(id, name, o);
            case Json.Str(String s) -> fromText(id, name, s);
            case Json.Null n -> ToolCall.of(id, name, Json.EMPTY_OBJ);
            default -> new ToolCall(id, name, Json.EMPTY_OBJ, "the arguments must be a JSON object, not " + quote(value.print()));
        };
    }

    private static String quote(String raw) {
        String oneLine = raw.replace('\n', ' ');
        return oneLine.length() <= QUOTE_LIMIT ? oneLine : oneLine.substring(0, QUOTE_LIMIT) + "...";
    }
}
