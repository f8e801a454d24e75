package dev.nacre.sandbox;

import dev.nacre.core.Json;
import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of one call. On success {@code result} is the tool's JSON output and {@code error}
 * is empty; on failure {@code result} is {@link Json#NULL}, {@code error} says why and
 * {@code message} is one line. {@code fuelPartial} is true when the guest was stopped by a trap,
 * stack exhaustion, the deadline or a cancel: {@code fuelUsed} then counts only up to the last
 * point where the guest published its fuel, a lower bound. {@code audit} is always present.
 */
public record CallResult(boolean ok, Json result, Optional<ErrorKind> error, String message, long fuelUsed,
                         boolean fuelPartial, Duration duration, Audit audit) {

    /**
     * The result as text for a model: the text items of an MCP-style result, any other JSON as
     * printed, or "KIND: MESSAGE" for a failure.
     */
    public String text() {
        if (!ok) return error.map(ErrorKind::wire).orElse("error") + ": " + message;
        return textOf(result);
    }

    /** A tool's JSON output as text: the text items of an MCP-style result, a string as is, other JSON printed. */
    public static String textOf(Json result) {
        if (result instanceof Json.Obj o && o.get("content").isPresent()) {
            var out = new StringBuilder();
            for (Json item : o.array("content")) {
                if (item instanceof Json.Obj c && "text".equals(c.string("type", ""))) {
                    if (!out.isEmpty()) out.append('\n');
                    out.append(c.string("text", ""));
                }
            }
            return out.toString();
        }
        return result instanceof Json.Str(String s) ? s : result.print();
    }

    /** True when the call ran but the tool itself reported an error ({@code "isError": true}). */
    public boolean toolError() {
        return ok && result instanceof Json.Obj o && o.bool("isError", false);
    }
}
