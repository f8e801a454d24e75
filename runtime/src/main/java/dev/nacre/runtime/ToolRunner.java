package dev.nacre.runtime;

import dev.nacre.core.Json;
import dev.nacre.core.Message;
import dev.nacre.core.ToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Runs a batch of tool calls, concurrently unless told otherwise, and returns results in call order. */
final class ToolRunner {
    /** Receives each call's audit record: (call, record). */
    interface AuditSink {
        void record(ToolCall call, Json record);
    }

    private final Toolbox tools;
    private final ExecutorService executor;
    private final AuditSink audits;

    ToolRunner(Toolbox tools, ExecutorService executor, AuditSink audits) {
        this.tools = tools;
        this.executor = executor;
        this.audits = audits;
    }

    List<Message.Tool> run(List<ToolCall> calls, boolean sequential, String sessionId, UserChannel user)
            throws InterruptedException {
        if (sequential || calls.size() == 1) {
            var results = new ArrayList<Message.Tool>();
            for (ToolCall call : calls) {
                if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
                results.add(call(call, sessionId, user));
            }
            return results;
        }
        var futures = new ArrayList<Future<Message.Tool>>();
        for (ToolCall call : calls) futures.add(executor.submit(() -> call(call, sessionId, user)));
        var results = new ArrayList<Message.Tool>();
        try {
            for (var f : futures) results.add(f.get());
        } catch (ExecutionException e) {
            throw new IllegalStateException("tool runner failed", e.getCause());
        } finally {
            for (var f : futures) f.cancel(true);
        }
        return results;
    }

    private Message.Tool call(ToolCall call, String sessionId, UserChannel user) {
        var tool = tools.tool(call.name());
        if (tool.isEmpty()) return result(call, ToolResult.error("unknown tool '" + call.name() + "'"));
        if (!(call.arguments() instanceof Json.Obj args)) {
            return result(call, ToolResult.error("arguments must be a JSON object"));
        }
        try {
            return result(call, tool.get().call(args, new ToolContext(sessionId, call.id(), user, r -> audits.record(call, r))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result(call, ToolResult.error("interrupted"));
        } catch (Exception | StackOverflowError e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return result(call, ToolResult.error("tool '" + call.name() + "' failed: " + why));
        }
    }

    private static Message.Tool result(ToolCall call, ToolResult r) {
        return new Message.Tool(call.id(), call.name(), r.content(), r.isError());
    }
}
