package dev.nacre.runtime;

import dev.nacre.core.Json;
import dev.nacre.core.ToolSpec;

/** A tool the agent can call. A thrown exception becomes an error result for the model, never a crash. */
public interface Tool {

    ToolSpec spec();

    ToolResult call(Json.Obj arguments, ToolContext context) throws Exception;
}
