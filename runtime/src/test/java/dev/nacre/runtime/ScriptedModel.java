package dev.nacre.runtime;

import dev.nacre.core.Message;
import dev.nacre.core.Usage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/** An in-process model for runtime tests: answers from a script and records each request. */
final class ScriptedModel implements ModelClient {
    private final Deque<Supplier<ModelReply>> script = new ArrayDeque<>();
    final List<ModelRequest> requests = new ArrayList<>();
    final List<String> log;

    ScriptedModel(List<String> log) {
        this.log = log;
    }

    ScriptedModel then(Message.Assistant reply) {
        script.add(() -> new ModelReply(reply, new Usage(100, 50), reply.toolCalls().isEmpty() ? "stop" : "tool_calls"));
        return this;
    }

    ScriptedModel then(Supplier<ModelReply> reply) {
        script.add(reply);
        return this;
    }

    @Override
    public synchronized ModelReply complete(ModelRequest request, ModelStream stream) {
        requests.add(request);
        log.add("model");
        var next = script.poll();
        if (next == null) throw new ModelException(ModelException.Kind.PROTOCOL, "script exhausted");
        return next.get();
    }

    @Override
    public String defaultModel() {
        return "scripted";
    }
}
