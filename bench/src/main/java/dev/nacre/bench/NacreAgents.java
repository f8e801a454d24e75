package dev.nacre.bench;

import dev.nacre.llm.Backoff;
import dev.nacre.llm.OpenAiClient;
import dev.nacre.llm.ProviderConfig;
import dev.nacre.runtime.AgentSession;
import dev.nacre.runtime.Journal;
import dev.nacre.runtime.ModelClient;
import dev.nacre.runtime.SessionSetup;
import dev.nacre.runtime.Toolbox;
import dev.nacre.runtime.UserChannel;
import dev.nacre.tools.BuiltinTools;
import dev.nacre.tools.MemorySnapshot;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;

/**
 * Nacre agents in this JVM as a server would run them: one {@link OpenAiClient} over loopback HTTP, one journal and one set of built-in tools shared by every session; each
 * new session reads the memory snapshot into its system prompt and journals its start.
 */
final class NacreAgents implements Agents<AgentSession> {
    private final Store store;
    private final Journal journal;
    private final ModelClient client;
    private final Toolbox tools;
    private final Path memories;
    private final String label;

    /**
     * Streaming, as the CLI. A failed request is retried as the CLI would, but without the backoff
     * wait, which would time a sleep; {@link #retries} counts those (zero when nothing is wrong).
     */
    NacreAgents(Store store, Path dir, String baseUrl) {
        this(store, dir, baseUrl, true);
    }

    /** As above; {@code stream} false asks for whole replies ({@code ProviderConfig.withStream(false)}), as a server whose callers want only answers may. */
    NacreAgents(Store store, Path dir, String baseUrl, boolean stream) {
        this(store, dir, OpenAiClient.create(ProviderConfig.of(baseUrl, "scripted-model").withMaxRetries(2).withStream(stream), Backoff.standard(),
                wait -> RETRIES.increment()), stream ? label(store) : label(store) + NOT_STREAMED);
    }

    /** What the label of a non-streaming Nacre ends with. */
    static final String NOT_STREAMED = " · not streamed";

    static String label(Store store) {
        return "Nacre · " + store.label;
    }

    private static final LongAdder RETRIES = new LongAdder();

    /** Requests retried so far by the clients of this class. */
    static long retries() {
        return RETRIES.sum();
    }

    NacreAgents(Store store, Path dir, ModelClient client) {
        this(store, dir, client, label(store));
    }

    private NacreAgents(Store store, Path dir, ModelClient client, String label) {
        this.label = label;
        this.store = store;
        this.journal = store.open(dir);
        this.client = client;
        this.memories = dir.resolve("memories");
        this.tools = BuiltinTools.toolbox(memories, journal);
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public AgentSession open() {
        String prompt = TurnBench.SYSTEM_PROMPT + "\n\n" + MemorySnapshot.load(memories).render();
        return AgentSession.start(new SessionSetup(journal, client, "scripted-model", tools, prompt, 90, System::currentTimeMillis));
    }

    @Override
    public String send(AgentSession session, String message) {
        var result = session.send(message, UserChannel.HEADLESS);
        if (!result.outcome().completed()) throw new IllegalStateException("run did not complete: " + result.outcome().reason());
        return result.outcome().answer();
    }

    @Override
    public void close() {
        if (client instanceof AutoCloseable c) close(c);
        if (journal instanceof AutoCloseable c) close(c);
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close " + c, e);
        }
    }

}
