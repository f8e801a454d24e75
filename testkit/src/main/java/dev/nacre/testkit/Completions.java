package dev.nacre.testkit;

import dev.nacre.core.Json;
import java.util.ArrayList;
import java.util.List;

/** Renders an {@link Reply.Answer} as a dialect's stream events or as one chat.completion object. */
final class Completions {
    static final long CREATED = 1_700_000_000L;
    private static final int ARGUMENT_PIECE = 8;

    private final Dialect dialect;
    private final String id;
    private final String model;

    Completions(Dialect dialect, String id, String model) {
        this.dialect = dialect;
        this.id = id;
        this.model = model;
    }

    /** The {@code data:} payloads of a stream, without the final {@code [DONE]}. */
    List<Json> chunks(Reply.Answer a, boolean includeUsage) {
        var out = new ArrayList<Json>();
        if (dialect.roleOnlyFirstChunk) {
            out.add(chunk(Json.object().put("role", "assistant")
                    .put("content", dialect == Dialect.LLAMA_CPP ? Json.NULL : Json.of("")).build(), Json.NULL));
        }
        for (String piece : a.reasoningChunks()) out.add(chunk(delta().put(dialect.reasoningField, piece).build(), Json.NULL));
        for (String piece : a.chunks()) out.add(chunk(delta().put("content", piece).build(), Json.NULL));
        for (int i = 0; i < a.toolCalls().size(); i++) {
            var call = a.toolCalls().get(i);
            if (!dialect.splitsArguments) {
                out.add(chunk(delta().put("tool_calls", Json.array(List.of(toolCall(i, call, call.arguments())))).build(), Json.NULL));
                continue;
            }
            out.add(chunk(delta().put("tool_calls", Json.array(List.of(toolCall(i, call, "")))).build(), Json.NULL));
            for (String piece : Reply.Builder.split(call.arguments(), ARGUMENT_PIECE)) {
                var fn = Json.object().put("arguments", piece).build();
                var tc = Json.object().put("index", i).put("function", fn).build();
                out.add(chunk(delta().put("tool_calls", Json.array(List.of(tc))).build(), Json.NULL));
            }
        }
        String finish = dialect == Dialect.OLLAMA && !a.toolCalls().isEmpty() ? "stop" : a.finishReason();
        var last = (Json.Obj) chunk(delta().build(), Json.of(finish));
        if (dialect == Dialect.LLAMA_CPP) {
            last = last.with("usage", usage(a)).with("timings", Json.object().put("predicted_n", a.completionTokens()).build());
            out.add(last);
        } else {
            out.add(last);
            if (includeUsage) out.add(envelope("chat.completion.chunk").put("choices", Json.array(List.of())).put("usage", usage(a)).build());
        }
        return out;
    }

    /** The non-streaming {@code chat.completion} object. */
    Json.Obj whole(Reply.Answer a) {
        var message = Json.object().put("role", "assistant")
                .put("content", a.text().isEmpty() && !a.toolCalls().isEmpty() ? Json.NULL : Json.of(a.text()));
        if (!a.reasoningChunks().isEmpty()) message.put(dialect.reasoningField, a.reasoning());
        if (!a.toolCalls().isEmpty()) {
            var calls = new ArrayList<Json>();
            for (int i = 0; i < a.toolCalls().size(); i++) {
                var tc = (Json.Obj) toolCall(i, a.toolCalls().get(i), a.toolCalls().get(i).arguments());
                calls.add(dialect == Dialect.OLLAMA ? tc : without(tc, "index"));
            }
            message.put("tool_calls", Json.array(calls));
        }
        String finish = dialect == Dialect.OLLAMA && !a.toolCalls().isEmpty() ? "stop" : a.finishReason();
        var choice = Json.object().put("index", 0).put("message", message.build()).put("finish_reason", finish).build();
        return envelope("chat.completion").put("choices", Json.array(List.of(choice))).put("usage", usage(a)).build();
    }

    private Json.ObjBuilder delta() {
        var d = Json.object();
        if (dialect.roleInEveryDelta) d.put("role", "assistant");
        return d;
    }

    private Json chunk(Json.Obj delta, Json finishReason) {
        var choice = Json.object().put("index", 0).put("delta", delta);
        if (dialect != Dialect.OLLAMA) choice.put("logprobs", Json.NULL);
        choice.put("finish_reason", finishReason);
        return envelope("chat.completion.chunk").put("choices", Json.array(List.of(choice.build()))).build();
    }

    private Json.ObjBuilder envelope(String object) {
        var b = Json.object().put("id", id).put("object", object).put("created", CREATED).put("model", model);
        if (dialect.fingerprint != null) b.put("system_fingerprint", dialect.fingerprint);
        return b;
    }

    private static Json toolCall(int index, Reply.Call call, String arguments) {
        var fn = Json.object().put("name", call.name()).put("arguments", arguments).build();
        return Json.object().put("index", index).put("id", call.id()).put("type", "function").put("function", fn).build();
    }

    private static Json usage(Reply.Answer a) {
        return Json.object().put("prompt_tokens", a.promptTokens()).put("completion_tokens", a.completionTokens())
                .put("total_tokens", a.promptTokens() + a.completionTokens()).build();
    }

    private static Json.Obj without(Json.Obj o, String key) {
        var b = Json.object();
        o.fields().forEach((k, v) -> { if (!k.equals(key)) b.put(k, v); });
        return b.build();
    }
}
