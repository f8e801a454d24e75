package dev.nacre.cli;

import dev.nacre.runtime.AgentSession;
import dev.nacre.runtime.Journal;
import dev.nacre.runtime.ModelClient;
import dev.nacre.runtime.SessionSetup;
import dev.nacre.runtime.Tool;
import dev.nacre.runtime.Toolbox;
import dev.nacre.sandbox.Sandbox;
import dev.nacre.sandbox.WasmTool;
import dev.nacre.sandbox.WasmToolbox;
import dev.nacre.store.NativeLibrary;
import dev.nacre.store.SqliteJournal;
import dev.nacre.tools.BuiltinTools;
import dev.nacre.tools.MemorySnapshot;
import java.util.ArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Assembles the parts a command needs, each only when first asked for: a command that never
 * touches the database never opens it.
 */
final class Nacre implements AutoCloseable {
    private final Context context;
    private final NacreHome home;
    private final Config config;
    private Sandbox sandbox;
    private SqliteJournal journal;
    private FutureTask<SqliteJournal> opening;
    // What sessions and tools are set up with: they write nothing before a first message, so their
    // set-up never waits for the database (see openJournalAhead).
    private final DeferredJournal deferred = new DeferredJournal(this::journal);
    private ModelClient model;

    Nacre(Context context, Config config) {
        this.context = context;
        this.home = context.home();
        this.config = config;
    }

    Config config() {
        return config;
    }

    NacreHome home() {
        return home;
    }

    // Synchronized: the deferred journal's first use may come from a tool's thread.
    synchronized Journal journal() {
        if (journal == null) journal = opening == null ? openJournal(home.ensure()) : await(opening);
        return journal;
    }

    /**
     * Starts opening the journal on another thread, for a command that will need it: loading the
     * SQLite driver and opening the file take about as long as building the HTTP client, and the
     * machine has a second core. {@link #journal()} waits for it and throws what opening threw.
     */
    void openJournalAhead() {
        if (journal != null || opening != null) return;
        opening = new FutureTask<>(() -> openJournal(home.ensure()));
        Thread.ofPlatform().name("nacre-journal-open").daemon().start(opening);
    }

    private static <T> T await(FutureTask<T> task) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    static SqliteJournal openJournal(NacreHome home) {
        NativeLibrary.cacheIn(home.nativeLibraries());
        return SqliteJournal.open(home.database());
    }

    /** The configured provider; closed with this object so no HTTP thread holds up the process's exit. */
    ModelClient model() {
        if (model == null) model = Providers.client(config);
        return model;
    }

    /** Built-in tools and, when the wasm toolset is on and modules are installed, the sandboxed ones. */
    Toolbox tools() {
        var tools = new ArrayList<Tool>(BuiltinTools.create(home.memories(), deferred));
        if (config.toolsets().contains(WasmTool.TOOLSET)) {
            var packages = WasmTools.packages(home, config);
            if (!packages.packages().isEmpty() || !packages.problems().isEmpty()) {
                if (sandbox == null) sandbox = WasmTools.sandbox(context);
                var box = WasmToolbox.of(sandbox, packages.packages(), packages.problems(), audit -> { });
                box.problems().forEach(p -> context.err().println("nacre: " + p));
                tools.addAll(box.tools());
            }
        }
        return Toolbox.of(tools).only(config.toolsets());
    }

    SessionSetup setup(ModelClient model, String modelName, int maxTurns) {
        String prompt = SystemPrompt.build(MemorySnapshot.load(home.memories()).render());
        return new SessionSetup(deferred, model, modelName, tools(), prompt, maxTurns, System::currentTimeMillis);
    }

    AgentSession newSession(ModelClient model, String modelName, int maxTurns) {
        return AgentSession.start(setup(model, modelName, maxTurns));
    }

    @Override
    public synchronized void close() {
        if (model instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing a client is best effort; the run's result is already recorded
            }
        }
        if (sandbox != null) sandbox.close();
        if (journal == null && opening != null) {
            try {
                journal = await(opening);
            } catch (RuntimeException | Error e) {
                // it failed to open, and no command asked for it (one that did got the error): nothing to close
            }
        }
        if (journal != null && context.exitsAfter()) {
            journal.closeAtExit(); // no checkpoint and WAL deletion on the way out: see SqliteJournal.closeAtExit
        } else if (journal != null) {
            journal.close();
        }
    }
}
