package dev.nacre.core;

/**
 * What the model is told about a tool. {@code interactive} tools (they talk to the user) force a
 * batch to run sequentially; {@code needsApproval} tools wait for the user's yes before running.
 */
public record ToolSpec(String name, String description, Json parameters, String toolset,
                       boolean interactive, boolean needsApproval) {

    public static ToolSpec of(String name, String description, Json parameters, String toolset) {
        return new ToolSpec(name, description, parameters, toolset, false, false);
    }

    public ToolSpec asInteractive() {
        return new ToolSpec(name, description, parameters, toolset, true, needsApproval);
    }

    public ToolSpec needingApproval() {
        return new ToolSpec(name, description, parameters, toolset, interactive, true);
    }
}
