package dev.nacre.llm;

import dev.nacre.core.Json;
import dev.nacre.core.Usage;
import dev.nacre.runtime.ModelReply;
import dev.nacre.runtime.ModelStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Accumulates {@code chat.completion.chunk} events into one reply, passing reasoning and answer
 * pieces to the {@link ModelStream} as they come. Tool-call deltas are joined by their index.
 */
final class ChunkAssembler {
    private final StringBuilder content = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final TreeMap<Integer, CallParts> calls = new TreeMap<>();
    private final ModelStream stream;
    private final ThinkSplitter live;
    private final TextGate gate;
    private final Set<String> toolNames;
    private String finishReason = "";
    private Usage usage = Usage.ZERO;

    private static final class CallParts {
        String id = "";
        String name = "";
        final StringBuilder arguments = new StringBuilder();
    }

    ChunkAssembler(ModelStream stream, Set<String> toolNames) {
        this.stream = stream;
        this.toolNames = toolNames;
        this.gate = new TextGate(stream, !toolNames.isEmpty());
        this.live = new ThinkSplitter(new ThinkSplitter.Sink() {
            public void text(String piece) {
                gate.feed(piece);
            }

            public void reasoning(String piece) {
                stream.reasoning(piece);
            }
        });
    }

    boolean finished() {
        return !finishReason.isEmpty();
    }

    void accept(Json.Obj chunk) {
        if (chunk.get("usage").orElse(Json.NULL) instanceof Json.Obj u) usage = usage(u);
        for (Json c : chunk.array("choices")) {
            if (!(c instanceof Json.Obj choice) || choice.number("index", 0) != 0) continue;
            var delta = choice.object("delta");
            for (String field : List.of("reasoning_content", "reasoning")) {
                String piece = delta.string(field, "");
                if (!piece.isEmpty()) {
                    reasoning.append(piece);
                    stream.reasoning(piece);
                }
            }
            String piece = text(delta.get("content").orElse(Json.NULL));
            if (!piece.isEmpty()) {
                content.append(piece);
                live.feed(piece);
            }
            toolCalls(delta.array("tool_calls"));
            String finish = choice.string("finish_reason", "");
            if (!finish.isEmpty()) finishReason = finish;
        }
    }

    private void toolCalls(List<Json> deltas) {
        for (int position = 0; position < deltas.size(); position++) {
            if (!(deltas.get(position) instanceof Json.Obj d)) continue;
            String id = d.string("id", "");
            int index = (int) d.number("index", -1);
            if (index < 0) {
                // Servers that omit the index send each call whole, or continue the last one without an id.
                index = !id.isEmpty() || calls.isEmpty() ? calls.size() : calls.lastKey();
            }
            var existing = calls.get(index);
            if (existing != null && !id.isEmpty() && !existing.id.isEmpty() && !existing.id.equals(id)) {
                index = calls.lastKey() + 1; // a server that repeats index 0 for every call
            }
            var parts = calls.computeIfAbsent(index, k -> new CallParts());
            if (!id.isEmpty()) parts.id = id;
            var fn = d.object("function");
            String name = fn.string("name", "");
            if (parts.name.isEmpty()) parts.name = name;
            switch (fn.get("arguments").orElse(Json.NULL)) {
                case Json.Str(String s) -> parts.arguments.append(s);
                case Json.Obj o -> parts.arguments.append(o.print());
                default -> { }
            }
        }
    }

    ModelReply finish() {
        live.finish();
        var raw = new ArrayList<AssistantReply.RawCall>();
        calls.values().forEach(p -> raw.add(new AssistantReply.RawCall(p.id, p.name, p.arguments.toString())));
        var reply = AssistantReply.build(content.toString(), reasoning.toString(), raw, finishReason, usage, toolNames);
        gate.finish(reply.message().text());
        return reply;
    }

    static Usage usage(Json.Obj u) {
        return new Usage(u.number("prompt_tokens", 0), u.number("completion_tokens", 0));
    }

    /** Content is a string, null, or (some servers) a list of {type: text, text: ..} parts. */
    static String text(Json content) {
        return switch (content) {
            case Json.Str(String s) -> s;
            case Json.Arr(List<Json> parts) -> {
                var sb = new StringBuilder();
                for (Json p : parts) if (p instanceof Json.Obj o) sb.append(o.string("text", ""));
                yield sb.toString();
            }
            default -> "";
        };
    }
}
