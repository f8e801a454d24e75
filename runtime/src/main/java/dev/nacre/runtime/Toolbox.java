package dev.nacre.runtime;

import dev.nacre.core.ToolSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The tools a session may call, by name, grouped in toolsets. Immutable. */
public final class Toolbox {
    private final Map<String, Tool> tools;
    private final List<ToolSpec> specs; // every session starts with these: listed once, not per session

    private Toolbox(Map<String, Tool> tools) {
        this.tools = tools;
        // List.copyOf, not Stream.toList: AgentState's List.copyOf keeps this very list, which caches key on.
        this.specs = List.copyOf(tools.values().stream().map(Tool::spec).toList());
    }

    public static Toolbox of(Collection<? extends Tool> tools) {
        var byName = new LinkedHashMap<String, Tool>();
        for (Tool t : tools) {
            if (byName.put(t.spec().name(), t) != null) {
                throw new IllegalArgumentException("two tools are named '" + t.spec().name() + "'");
            }
        }
        return new Toolbox(byName);
    }

    public static Toolbox empty() {
        return new Toolbox(Map.of());
    }

    public Optional<Tool> tool(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    public List<ToolSpec> specs() {
        return specs;
    }

    /** Only the tools whose toolset is named. */
    public Toolbox only(Set<String> toolsets) {
        var kept = new ArrayList<Tool>();
        for (Tool t : tools.values()) if (toolsets.contains(t.spec().toolset())) kept.add(t);
        return of(kept);
    }
}
