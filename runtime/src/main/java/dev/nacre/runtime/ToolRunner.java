package dev.nacre.runtime;

import dev.nacre.core.Json;
import dev.nacre.core.Message;
import dev.nacre.core.ToolCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a batch of tool calls, concurrently unless told otherwise, and returns results in call
 * order. When the batch is interrupted, each running call is interrupted and given a short grace
 * period: a call that finished is reported with its real result (the journal says what really
 * happened), one that did not is reported as interrupted, and calls not yet started never start.
 */
final class ToolRunner {
    static final String INTERRUPTED = "interrupted by the user";
    private static final Duration GRACE = Duration.ofSeconds(2);

    /** Receives each call's audit record: (call, record). */
    interface AuditSink {
        void record(ToolCall call, Json record);
    }

    private final Toolbox tools;
    private final AuditSink audits;

    ToolRunner(Toolbox tools, AuditSink audits) {
        this.tools = tools;
        this.audits = audits;
    }

    List<Message.Tool> run(List<ToolCall> calls, boolean sequential, String sessionId, UserChannel user) {
        if (sequential || calls.size() == 1) {
            var results = new ArrayList<Message.Tool>();
            for (ToolCall call : calls) {
                results.add(Thread.currentThread().isInterrupted() ? interrupted(call) : call(call, sessionId, user));
            }
            return results;
        }
        var futures = new ArrayList<CompletableFuture<Message.Tool>>();
        var threads = new ArrayList<Thread>();
        for (ToolCall call : calls) {
            var future = new CompletableFuture<Message.Tool>();
            futures.add(future);
            threads.add(Thread.ofVirtual().name("tool-" + call.name()).start(() -> future.complete(call(call, sessionId, user))));
        }
        var results = new ArrayList<Message.Tool>();
        boolean stopping = false;
        for (int i = 0; i < calls.size(); i++) {
            if (!stopping) {
                try {
                    results.add(futures.get(i).get());
                    continue;
                } catch (InterruptedException e) {
                    stopping = true;
                    threads.forEach(Thread::interrupt);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("tool runner failed", e.getCause());
                }
            }
            results.add(afterGrace(futures.get(i), calls.get(i)));
        }
        if (stopping) Thread.currentThread().interrupt();
        return results;
    }

    private static Message.Tool afterGrace(CompletableFuture<Message.Tool> future, ToolCall call) {
        try {
            return future.get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            return interrupted(call);
        }
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
            return interrupted(call);
        } catch (Exception | StackOverflowError e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return result(call, ToolResult.error("tool '" + call.name() + "' failed: " + why));
        }
    }

    private static Message.Tool interrupted(ToolCall call) {
        return new Message.Tool(call.id(), call.name(), INTERRUPTED, true);
    }

    private static Message.Tool result(ToolCall call, ToolResult r) {
        return new Message.Tool(call.id(), call.name(), r.content(), r.isError());
    }
}
