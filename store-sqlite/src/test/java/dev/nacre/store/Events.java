package dev.nacre.store;

import dev.nacre.core.Event;
import dev.nacre.core.Json;
import dev.nacre.core.Message;
import dev.nacre.core.ToolCall;
import dev.nacre.core.ToolSpec;
import dev.nacre.core.Usage;
import dev.nacre.runtime.SessionInfo;
import java.util.List;

/** One of every event type, with the awkward bits (unicode, nested JSON, empty strings) that a codec can drop. */
final class Events {
    private Events() {}

    static List<Event> everyType() {
        Json params = Json.object().put("type", "object")
                .put("properties", Json.object().put("path", Json.object().put("type", "string").build()).build())
                .put("required", Json.array(List.of(Json.of("path")))).build();
        return List.of(
                new Event.SessionStarted("You are terse. ünïcødé ✓ \"quoted\"\n", List.of(
                        ToolSpec.of("read_file", "Reads a file", params, "files"),
                        ToolSpec.of("ask", "Asks the user", Json.EMPTY_OBJ, "user").asInteractive().needingApproval()), 25),
                new Event.UserMessage("Where is the kraken? 🐙"),
                new Event.ModelResponded(new Message.Assistant("Let me look.", "thinking about krakens",
                        List.of(ToolCall.of("c1", "read_file", Json.object().put("path", "/sea/kraken.txt").put("n", 3).build()),
                                new ToolCall("c2", "read_file", Json.EMPTY_OBJ, "arguments were not JSON"))),
                        new Usage(1200, 34)),
                new Event.ToolResults(List.of(
                        new Message.Tool("c1", "read_file", "the kraken sleeps below", false),
                        new Message.Tool("c2", "read_file", "error: bad arguments", true))),
                new Event.ApprovalDecision("c3", true),
                new Event.ApprovalDecision("c4", false),
                new Event.ModelFailed("429 Too Many Requests"),
                new Event.Interrupt("user pressed ctrl-c"),
                new Event.Undo(),
                new Event.ModelResponded(Message.Assistant.text(""), Usage.ZERO));
    }

    static SessionInfo session(String id, long created) {
        return new SessionInfo(id, "title of " + id, "model-x", created, "");
    }
}
