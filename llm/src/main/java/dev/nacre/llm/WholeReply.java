package dev.nacre.llm;

import dev.nacre.core.Json;
import dev.nacre.core.JsonException;
import dev.nacre.core.Usage;
import dev.nacre.runtime.ModelException.Kind;
import dev.nacre.runtime.ModelReply;
import dev.nacre.runtime.ModelStream;
import java.util.ArrayList;
import java.util.Set;

/** Reads a non-streamed {@code chat.completion} object. Fields it does not know are ignored. */
final class WholeReply {
    private WholeReply() {}

    static ModelReply parse(ErrorReport report, String body, ModelStream stream, Set<String> toolNames) throws AttemptFailed {
        Json json;
        try {
            json = Json.parse(body.strip());
        } catch (JsonException e) {
            throw AttemptFailed.fatal(report.error(Kind.PROTOCOL, report.host() + " sent a reply that is not valid JSON ("
                    + e.getMessage() + ")"));
        }
        if (!(json instanceof Json.Obj o) || o.array("choices").isEmpty() || !(o.array("choices").getFirst() instanceof Json.Obj choice)) {
            if (json instanceof Json.Obj o && o.get("error").isPresent()) {
                throw AttemptFailed.transientError(report.error(Kind.SERVER, report.host() + " reported an error: " + ErrorReport.message(body)));
            }
            throw AttemptFailed.fatal(report.error(Kind.PROTOCOL, report.host() + " sent a reply without choices"));
        }
        var message = choice.object("message");
        String reasoning = message.string("reasoning_content", message.string("reasoning", ""));
        var calls = new ArrayList<AssistantReply.RawCall>();
        for (Json c : message.array("tool_calls")) {
            if (!(c instanceof Json.Obj call)) continue;
            var fn = call.object("function");
            String args = switch (fn.get("arguments").orElse(Json.NULL)) {
                case Json.Str(String s) -> s;
                case Json.Null n -> "";
                case Json other -> other.print();
            };
            calls.add(new AssistantReply.RawCall(call.string("id", ""), fn.string("name", ""), args));
        }
        var usage = o.get("usage").orElse(Json.NULL) instanceof Json.Obj u ? ChunkAssembler.usage(u) : Usage.ZERO;
        var reply = AssistantReply.build(ChunkAssembler.text(message.get("content").orElse(Json.NULL)), reasoning, calls,
                choice.string("finish_reason", ""), usage, toolNames);
        if (!reply.message().reasoning().isEmpty()) stream.reasoning(reply.message().reasoning());
        if (!reply.message().text().isEmpty()) stream.text(reply.message().text());
        return reply;
    }
}
