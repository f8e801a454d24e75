package dev.nacre.cli;

import dev.nacre.core.Json;
import dev.nacre.core.Output;
import dev.nacre.runtime.RunResult;
import dev.nacre.runtime.UserChannel;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nacre run "TASK"}: one task to completion, the answer on stdout. */
@Command(name = "run", description = "Run one task to completion and print the answer.",
        footer = {"", "Exit codes: 0 completed, 1 run failed or budget exhausted, 2 usage or configuration error,",
                "3 model provider unreachable or refused (auth, unknown model)."})
final class RunCommand implements Callable<Integer> {
    private final Context context;

    @Mixin
    ProviderOptions provider = new ProviderOptions();

    @Option(names = "--json", description = "Print one JSON object instead of the answer.")
    boolean json;

    @Parameters(arity = "0..*", paramLabel = "TASK", description = "What to do.")
    List<String> task = List.of();

    // Hidden, for `nacre bench` (the reference benchmark's process-per-query scenarios): see bench/README.md.
    @Option(names = "--init-only", hidden = true,
            description = "Build the session (config, model client, tools, system prompt), print 'ready' and exit: no model call, no database.")
    boolean initOnly;

    @Option(names = "--stdin-turns", hidden = true, paramLabel = "history|no-history",
            description = "Each stdin line is a user message: in one session (history), or each in a new session (no-history).")
    String stdinTurns = "";

    RunCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (!stdinTurns.isEmpty() && !stdinTurns.equals("history") && !stdinTurns.equals("no-history")) {
            throw new UsageError("--stdin-turns must be history or no-history");
        }
        if (task.isEmpty() && !initOnly && stdinTurns.isEmpty()) throw new UsageError("Missing required parameter: 'TASK'");
        var configured = provider.config(context);
        if (configured.isEmpty()) return ExitCode.USAGE;
        var config = configured.get();
        try (var nacre = new Nacre(context, config)) {
            // A session writes nothing before its first message, so --init-only never opens the database.
            if (!initOnly) nacre.openJournalAhead();
            var client = nacre.model();
            var session = nacre.newSession(client, config.provider().model(), provider.turns(config));
            if (initOnly) {
                context.out().println("ready");
                return ExitCode.OK;
            }
            if (!stdinTurns.isEmpty()) {
                nacre.journal(); // a journal that cannot open fails the run even when no line comes
                return new StdinTurns(context, () -> nacre.newSession(client, config.provider().model(), provider.turns(config)))
                        .run(session, stdinTurns.equals("history"));
            }
            RunResult result = session.send(String.join(" ", task), new ToolLines());
            var outcome = result.outcome();
            if (json) {
                context.out().println(toJson(result).print());
            } else if (outcome.completed()) {
                context.out().println(outcome.answer());
            }
            if (!outcome.completed()) {
                context.err().println("nacre: " + result.modelFailure().map(Throwable::getMessage).orElse(outcome.reason()));
            }
            if (outcome.completed()) return ExitCode.OK;
            return result.providerRefused() ? ExitCode.PROVIDER : ExitCode.FAILED;
        }
    }

    static Json toJson(RunResult result) {
        var o = result.outcome();
        var b = Json.object()
                .put("final_response", o.answer())
                .put("session_id", result.sessionId())
                .put("turns", o.turns())
                .put("tool_calls", o.toolCalls())
                .put("usage", Json.object().put("prompt_tokens", o.usage().promptTokens())
                        .put("completion_tokens", o.usage().completionTokens()).build())
                .put("completed", o.completed());
        if (!o.completed()) b.put("error", result.modelFailure().map(Throwable::getMessage).orElse(o.reason()));
        return b.build();
    }

    /** Shows each tool call on stderr, so stdout stays the answer alone. */
    private final class ToolLines implements UserChannel {
        @Override
        public void show(Output output) {
            if (output instanceof Output.ToolStarted(var call) && !json) {
                context.err().println("· " + call.name() + " " + ToolLine.arguments(call));
            }
        }
    }
}
