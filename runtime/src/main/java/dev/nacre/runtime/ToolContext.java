package dev.nacre.runtime;

import dev.nacre.core.Json;
import java.util.function.Consumer;

/**
 * What a running tool may know and use: its session, its call, the user (for interactive tools),
 * and the audit sink where an executor records what the call really did (journaled as it happens).
 */
public record ToolContext(String sessionId, String callId, UserChannel user, Consumer<Json> audit) {

    public ToolContext(String sessionId, String callId, UserChannel user) {
        this(sessionId, callId, user, record -> { });
    }
}
