package dev.nacre.tools;

import java.util.Locale;

/** The two memory files: the agent's own notes and what it knows about the user. */
public enum MemoryTarget {
    MEMORY("MEMORY.md", 2_200, "Memory: your notes from earlier sessions"),
    USER("USER.md", 1_375, "User profile: what you know about the user");

    private final String fileName;
    private final int limit;
    private final String heading;

    MemoryTarget(String fileName, int limit, String heading) {
        this.fileName = fileName;
        this.limit = limit;
        this.heading = heading;
    }

    public String fileName() {
        return fileName;
    }

    /** Most characters the file may hold, separators included. */
    public int limit() {
        return limit;
    }

    String heading() {
        return heading;
    }

    /** The name the model sees and sends: {@code memory} or {@code user}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static MemoryTarget parse(String text) {
        for (MemoryTarget t : values()) if (t.wireName().equals(text.strip().toLowerCase(Locale.ROOT))) return t;
        throw new ToolArgumentException("target '" + text + "' is not 'memory' (your notes) or 'user' (the user's profile)");
    }
}
