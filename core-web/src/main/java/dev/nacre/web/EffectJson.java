package dev.nacre.web;

import dev.nacre.core.Effect;
import dev.nacre.core.EventCodec;
import dev.nacre.core.Json;
import dev.nacre.core.Outcome;
import dev.nacre.core.Output;
import dev.nacre.core.Phase;

/** Effects as JSON, for the page that drives the core in a Web Worker. */
final class EffectJson {
    private EffectJson() {}

    static Json encode(Effect effect) {
        var b = Json.object();
        switch (effect) {
            case Effect.CallModel m -> b.put("type", "call_model")
                    .put("messages", Json.array(m.messages().stream().map(EventCodec::encodeMessage).toList()))
                    .put("tools", Json.array(m.tools().stream().map(EventCodec::encodeSpec).toList()));
            case Effect.CallTools t -> b.put("type", "call_tools")
                    .put("calls", Json.array(t.calls().stream().map(EffectJson::call).toList()))
                    .put("sequential", t.sequential());
            case Effect.AskApproval a -> b.put("type", "ask_approval").put("call", call(a.call())).put("reason", a.reason());
            case Effect.Emit e -> b.put("type", "emit").put("output", output(e.output()));
            case Effect.Finish f -> b.put("type", "finish").put("outcome", outcome(f.outcome()));
        }
        return b.build();
    }

    static String phase(Phase phase) {
        return switch (phase) {
            case Phase.Idle i -> "idle";
            case Phase.AwaitingModel m -> "awaiting_model";
            case Phase.AwaitingApproval a -> "awaiting_approval";
            case Phase.AwaitingTools t -> "awaiting_tools";
        };
    }

    private static Json call(dev.nacre.core.ToolCall c) {
        return Json.object().put("id", c.id()).put("name", c.name()).put("arguments", c.arguments()).build();
    }

    private static Json output(Output output) {
        return switch (output) {
            case Output.Answer a -> Json.object().put("type", "answer").put("text", a.text())
                    .put("reasoning", a.reasoning()).build();
            case Output.ToolStarted s -> Json.object().put("type", "tool_started").put("call", call(s.call())).build();
            case Output.ToolFinished f -> Json.object().put("type", "tool_finished")
                    .put("result", EventCodec.encodeMessage(f.result())).build();
            case Output.Notice n -> Json.object().put("type", "notice").put("text", n.text()).build();
        };
    }

    private static Json outcome(Outcome o) {
        return Json.object().put("answer", o.answer()).put("completed", o.completed()).put("reason", o.reason())
                .put("turns", o.turns()).put("tool_calls", o.toolCalls())
                .put("prompt_tokens", o.usage().promptTokens())
                .put("completion_tokens", o.usage().completionTokens()).build();
    }
}
