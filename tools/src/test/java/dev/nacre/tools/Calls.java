package dev.nacre.tools;

import dev.nacre.core.Json;
import dev.nacre.runtime.Tool;
import dev.nacre.runtime.ToolContext;
import dev.nacre.runtime.ToolResult;
import dev.nacre.runtime.UserChannel;

/** Calls a tool the way the runtime does, with arguments written as JSON text. */
final class Calls {
    private Calls() {}

    static ToolResult call(Tool tool, String session, String argumentsJson) throws Exception {
        return call(tool, session, argumentsJson, UserChannel.HEADLESS);
    }

    static ToolResult call(Tool tool, String session, String argumentsJson, UserChannel user) throws Exception {
        return tool.call((Json.Obj) Json.parse(argumentsJson), new ToolContext(session, "call-1", user));
    }

    static Json.Obj json(ToolResult result) {
        return (Json.Obj) Json.parse(result.content());
    }
}
