package dev.nacre.llm;

import dev.nacre.core.Message;
import dev.nacre.core.ToolCall;
import dev.nacre.core.Usage;
import dev.nacre.runtime.ModelReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Builds the final reply from what the server sent, streamed or not: reasoning out, text tool calls in. */
final class AssistantReply {
    /** A structured tool call as received; {@code arguments} is the raw JSON text. */
    record RawCall(String id, String name, String arguments) {}

    private AssistantReply() {}

    static ModelReply build(String content, String reasoningField, List<RawCall> nativeCalls,
                            String finishReason, Usage usage, Set<String> toolNames) {
        String[] split = ThinkSplitter.split(content);
        String text = split[0];
        String reasoning = join(reasoningField, split[1]);
        var calls = new ArrayList<ToolCall>();
        for (int i = 0; i < nativeCalls.size(); i++) {
            var raw = nativeCalls.get(i);
            String id = raw.id().isEmpty() ? "call_" + i : raw.id();
            calls.add(ToolArguments.fromText(id, raw.name(), raw.arguments()));
        }
        if (calls.isEmpty()) {
            var found = TextToolCalls.extract(text, toolNames, 0);
            text = found.text();
            calls.addAll(found.calls());
        }
        // Ollama and text-written calls say "stop" although the model asked for tools.
        String finish = !calls.isEmpty() && (finishReason.isEmpty() || finishReason.equals("stop")) ? "tool_calls" : finishReason;
        if (!split[1].isEmpty() || !calls.isEmpty()) text = text.strip();
        return new ModelReply(new Message.Assistant(text, reasoning.strip(), calls), usage, finish);
    }

    private static String join(String a, String b) {
        if (a.isBlank()) return b;
        if (b.isBlank()) return a;
        return a.strip() + "\n" + b.strip();
    }
}
