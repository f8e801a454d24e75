package dev.nacre.tools;

import dev.nacre.core.Json;
import dev.nacre.core.JsonException;
import java.util.List;
import java.util.Optional;

/**
 * Reads tool arguments leniently where models are sloppy (numbers and booleans sent as strings,
 * arrays sent as JSON text) and strictly where a wrong value would do harm.
 */
final class Arguments {
    private Arguments() {}

    static Optional<String> text(Json.Obj args, String key) {
        return switch (args.fields().get(key)) {
            case null -> Optional.empty();
            case Json.Null n -> Optional.empty();
            case Json.Str(String s) -> Optional.of(s);
            case Json.Num(String s) -> Optional.of(s);
            default -> throw new ToolArgumentException("'" + key + "' must be a string");
        };
    }

    static String requiredText(Json.Obj args, String key) {
        String value = text(args, key).orElse("");
        if (value.isBlank()) throw new ToolArgumentException("'" + key + "' is required and must not be empty");
        return value;
    }

    static int integer(Json.Obj args, String key, int fallback) {
        return switch (args.fields().get(key)) {
            case null -> fallback;
            case Json.Null n -> fallback;
            case Json.Num n -> (int) Math.clamp(n.asLong(), Integer.MIN_VALUE, Integer.MAX_VALUE);
            case Json.Str(String s) when s.strip().matches("-?\\d{1,9}") -> Integer.parseInt(s.strip());
            default -> throw new ToolArgumentException("'" + key + "' must be an integer");
        };
    }

    static boolean flag(Json.Obj args, String key, boolean fallback) {
        return switch (args.fields().get(key)) {
            case null -> fallback;
            case Json.Null n -> fallback;
            case Json.Bool(boolean b) -> b;
            case Json.Str(String s) when s.strip().equalsIgnoreCase("true") -> true;
            case Json.Str(String s) when s.strip().equalsIgnoreCase("false") -> false;
            default -> throw new ToolArgumentException("'" + key + "' must be true or false");
        };
    }

    /** An array argument; empty when absent. */
    static Optional<List<Json>> list(Json.Obj args, String key) {
        return switch (args.fields().get(key)) {
            case null -> Optional.empty();
            case Json.Null n -> Optional.empty();
            case Json.Arr(List<Json> items) -> Optional.of(items);
            case Json.Str(String s) -> Optional.of(parseArray(key, s));
            default -> throw new ToolArgumentException("'" + key + "' must be an array");
        };
    }

    private static List<Json> parseArray(String key, String text) {
        try {
            if (Json.parse(text) instanceof Json.Arr(List<Json> items)) return items;
        } catch (JsonException e) {
            // reported below
        }
        throw new ToolArgumentException("'" + key + "' must be an array");
    }
}
