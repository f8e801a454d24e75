package dev.nacre.bench;

import dev.nacre.core.Json;
import dev.nacre.testkit.Reply;
import dev.nacre.testkit.ScriptedModelServer;
import java.util.List;

/**
 * The reference benchmark's canned conversation, served by a {@link ScriptedModelServer}. The
 * reply depends only on the request, so any number of sessions can talk to one server at once:
 * a tool result gets "Done!", the tool-turn message gets the {@code memory} call, anything else "Hello!".
 * Every reply carries usage 100 prompt / 50 completion tokens (the testkit's default).
 */
final class Canned {
    static final String HELLO = "Hello";
    static final String HELLO_ANSWER = "Hello!";
    static final String REMEMBER = "Remember that I like benchmarks.";
    static final String DONE = "Done!";
    static final String MEMORY_ARGUMENTS = "{\"action\":\"add\",\"target\":\"user\",\"content\":\"Likes benchmarks\"}";
    static final int TURNS = 20;

    private static final Reply HELLO_REPLY = Reply.text(HELLO_ANSWER);
    private static final Reply DONE_REPLY = Reply.text(DONE);
    private static final Reply TOOL_REPLY = Reply.builder().text("Saving.").toolCall("memory", MEMORY_ARGUMENTS)
            .finishReason("tool_calls").build();

    private Canned() {}

    /**
     * Keeps no requests: nothing here reads them back, and hundreds of thousands kept would grow the
     * heap all run long, slowing later measurements through the collector (most for the largest requests).
     */
    static ScriptedModelServer server() {
        return ScriptedModelServer.start().respond(Canned::reply).recording(false);
    }

    static Reply reply(Json.Obj request) {
        List<Json> messages = request.array("messages");
        if (messages.isEmpty()) return HELLO_REPLY;
        var last = (Json.Obj) messages.getLast();
        if (last.string("role", "").equals("tool")) return DONE_REPLY;
        if (last.string("content", "").contains(REMEMBER)) return TOOL_REPLY;
        return HELLO_REPLY;
    }

    /** What a whole query prints: one answer per line. */
    static String answer(String message) {
        return message.equals(REMEMBER) ? DONE : HELLO_ANSWER;
    }
}
