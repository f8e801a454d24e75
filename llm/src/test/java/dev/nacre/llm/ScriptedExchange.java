package dev.nacre.llm;

import dev.nacre.runtime.ModelReply;
import dev.nacre.testkit.Dialect;
import dev.nacre.testkit.Reply;
import dev.nacre.testkit.ScriptedModelServer;

/** A scripted server and a client for it, for tests that send one reply at a time and look at what streamed. */
final class ScriptedExchange implements AutoCloseable {
    final ScriptedModelServer server;
    final OpenAiClient client;
    Fixture.Recorder recorder = new Fixture.Recorder();

    ScriptedExchange(Dialect dialect) {
        server = ScriptedModelServer.start(dialect);
        client = Fixture.client(Fixture.config(server), new Fixture.Sleeps());
    }

    /** Serves {@code r} to a fresh request; what streamed is in {@link #recorder}. */
    ModelReply reply(Reply r) {
        server.enqueue(r);
        recorder = new Fixture.Recorder();
        return client.complete(Fixture.ask("go"), recorder);
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
