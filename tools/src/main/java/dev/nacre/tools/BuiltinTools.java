package dev.nacre.tools;

import dev.nacre.runtime.Journal;
import dev.nacre.runtime.Tool;
import dev.nacre.runtime.Toolbox;
import java.nio.file.Path;
import java.util.List;

/** The built-in tools that need no sandbox: todo, memory, session_search and clarify. */
public final class BuiltinTools {
    private BuiltinTools() {}

    /**
     * One instance of each tool. {@code memoriesDir} holds {@code MEMORY.md} and {@code USER.md}
     * (usually {@code $NACRE_HOME/memories}; created on the first write). Todo lists live as long
     * as the returned tools, so share them across the sessions of one process.
     */
    public static List<Tool> create(Path memoriesDir, Journal journal) {
        return List.of(new TodoTool(), new MemoryTool(memoriesDir), new SessionSearchTool(journal), new ClarifyTool());
    }

    /** The same tools as a {@link Toolbox}. */
    public static Toolbox toolbox(Path memoriesDir, Journal journal) {
        return Toolbox.of(create(memoriesDir, journal));
    }
}
