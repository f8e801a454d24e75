package dev.nacre.runtime;

/** What a tool hands back to the model. */
public record ToolResult(String content, boolean isError) {
    public static ToolResult ok(String content) {
        return new ToolResult(content, false);
    }

    public static ToolResult error(String content) {
        return new ToolResult(content, true);
    }
}
