package dev.nacre.cli;

import dev.nacre.runtime.AgentSession;
import dev.nacre.runtime.Journal;
import dev.nacre.runtime.ModelClient;
import dev.nacre.runtime.SessionSetup;
import dev.nacre.runtime.Toolbox;
import dev.nacre.store.SqliteJournal;
import dev.nacre.tools.BuiltinTools;
import dev.nacre.tools.MemorySnapshot;

/**
 * Assembles the parts a command needs, each only when first asked for: a command that never
 * touches the database never opens it.
 */
final class Nacre implements AutoCloseable {
    private final NacreHome home;
    private final Config config;
    private SqliteJournal journal;
    private ModelClient model;

    Nacre(NacreHome home, Config config) {
        this.home = home;
        this.config = config;
    }

    Config config() {
        return config;
    }

    NacreHome home() {
        return home;
    }

    Journal journal() {
        if (journal == null) journal = SqliteJournal.open(home.ensure().database());
        return journal;
    }

    /** The configured provider; closed with this object so no HTTP thread holds up the process's exit. */
    ModelClient model() {
        if (model == null) model = Providers.client(config);
        return model;
    }

    Toolbox tools() {
        return Toolbox.of(BuiltinTools.create(home.memories(), journal())).only(config.toolsets());
    }

    SessionSetup setup(ModelClient model, String modelName, int maxTurns) {
        String prompt = SystemPrompt.build(MemorySnapshot.load(home.memories()).render());
        return new SessionSetup(journal(), model, modelName, tools(), prompt, maxTurns, System::currentTimeMillis);
    }

    AgentSession newSession(ModelClient model, String modelName, int maxTurns) {
        return AgentSession.start(setup(model, modelName, maxTurns));
    }

    @Override
    public void close() {
        if (model instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing a client is best effort; the run's result is already recorded
            }
        }
        if (journal != null) journal.close();
    }
}
