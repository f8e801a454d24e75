package dev.nacre.runtime;

import dev.nacre.core.Agent;
import dev.nacre.core.AgentState;
import dev.nacre.core.Effect;
import dev.nacre.core.Event;
import dev.nacre.core.Message;
import dev.nacre.core.Outcome;
import dev.nacre.core.Phase;
import dev.nacre.core.ToolCall;
import dev.nacre.core.Usage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.Callable;

/**
 * Drives one session's state machine: every event is journaled before the core sees it, and the
 * effects that follow run on the calling thread (a batch of tools fans out to virtual threads).
 * One run at a time per session; sessions are independent.
 */
public final class AgentSession {
    private final String id;
    private final SessionSetup setup;
    private final ToolRunner toolRunner;
    private volatile String modelName;
    private volatile SessionInfo info; // what was last written about this session; read from the journal once when resumed
    private String firstTitle; // the title a first message gives, written with that message (under send's lock)
    private Unwritten unwritten; // the session's start, until it is journaled with the session's next event (infoLock)
    private final Object infoLock = new Object(); // switchModel may run during a send: info and unwritten change together

    /** A session start not journaled yet: nothing has happened in the session that needs it on the record. */
    private record Unwritten(Event.SessionStarted event, long atMillis) {}
    private AgentState state;
    private final Object workerLock = new Object();
    private Thread worker; // guarded by workerLock: the thread running an effect, which interrupt() reaches
    private volatile boolean interruptRequested;
    private ModelException lastFailure;

    private AgentSession(String id, SessionSetup setup, AgentState state) {
        this.id = id;
        this.setup = setup;
        this.state = state;
        this.modelName = setup.modelName();
        // Audit records are journaled as they happen, from the tools' own threads. They do not change the
        // core's state, so appending them without a step keeps replay exact.
        this.toolRunner = new ToolRunner(setup.tools(), (call, record) -> setup.journal().append(id,
                new Event.ToolAudit(call.id(), call.name(), record), setup.clock().getAsLong()));
    }

    /**
     * Opens a new session. Its start (system prompt, tools, budget) is journaled with the session's
     * first event, usually the first message, in one write: until then nothing has happened that
     * the record could miss (no model call, no tool), so a session never used is never written,
     * and starting one touches no database.
     */
    public static AgentSession start(SessionSetup setup) {
        String id = newId(setup);
        long now = setup.clock().getAsLong();
        var info = new SessionInfo(id, "", setup.modelName(), now, "");
        var started = new Event.SessionStarted(setup.systemPrompt(), setup.tools().specs(), setup.maxTurns());
        var session = new AgentSession(id, setup, AgentState.NEW);
        session.info = info;
        session.unwritten = new Unwritten(started, now);
        session.step(started);
        return session;
    }

    /**
     * Rebuilds a session from its journal. A tool batch that was running when the process stopped is
     * not repeated: its outcome is unknown, so each call is answered with an error saying so (fail closed).
     */
    public static AgentSession resume(String id, SessionSetup setup) {
        var entries = setup.journal().entries(id);
        if (entries.isEmpty()) throw new IllegalArgumentException("no session '" + id + "' in the journal");
        var session = new AgentSession(id, setup, Agent.replay(entries.stream().map(JournalEntry::event).toList()));
        session.info().ifPresent(info -> {
            if (!info.model().isEmpty()) session.modelName = info.model();
        });
        return session;
    }

    public String id() {
        return id;
    }

    public AgentState state() {
        return state;
    }

    public String modelName() {
        return modelName;
    }

    public void switchModel(String name) {
        modelName = name;
        if (info().isEmpty()) return;
        synchronized (infoLock) { // from the info as it is now: a first message may have titled it meanwhile
            info = info.withModel(name);
            if (unwritten == null) setup.journal().update(info); // else it is written with the start
        }
    }

    private Optional<SessionInfo> info() {
        if (info == null) info = setup.journal().session(id).orElse(null);
        return Optional.ofNullable(info);
    }

    /** Sends a user message and runs until the agent finishes (answer, budget, failure or interrupt). */
    public synchronized RunResult send(String text, UserChannel user) {
        if (state.messages().size() == 1) {
            // Written with the message itself: one commit, not two, for a session's first message.
            if (info().isPresent()) firstTitle = title(text);
        }
        return run(new Event.UserMessage(text), user);
    }

    /** Continues a run that a stopped process left unfinished; empty when the session is idle. */
    public synchronized Optional<RunResult> continueRun(UserChannel user) {
        return switch (state.phase()) {
            case Phase.Idle i -> Optional.empty();
            case Phase.AwaitingModel m -> Optional.of(loop(List.of(callModel(user)), user));
            case Phase.AwaitingApproval a -> Optional.of(run(new Event.Interrupt("the process stopped while awaiting approval"), user));
            case Phase.AwaitingTools(var batch, var decided) -> {
                var unknown = new ArrayList<Message.Tool>();
                for (ToolCall call : batch) {
                    if (!decided.containsKey(call.id())) unknown.add(new Message.Tool(call.id(), call.name(),
                            "outcome unknown: the process stopped during this call, so it was not repeated", true));
                }
                yield Optional.of(run(new Event.ToolResults(unknown), user));
            }
        };
    }

    /** Removes the last exchange. */
    public synchronized void undo() {
        record(new Event.Undo());
    }

    /** Undoes the last exchange and sends its user message again. */
    public synchronized Optional<RunResult> retry(UserChannel user) {
        var messages = state.messages();
        for (int i = messages.size() - 1; i > 0; i--) {
            if (messages.get(i) instanceof Message.User(String text)) {
                record(new Event.Undo());
                return Optional.of(run(new Event.UserMessage(text), user));
            }
        }
        return Optional.empty();
    }

    /**
     * Stops the current run from any thread: the model call or tool batch in flight is interrupted
     * (tools that finish within a short grace period keep their real results), and nothing new starts.
     */
    public void interrupt() {
        interruptRequested = true;
        synchronized (workerLock) {
            if (worker != null) worker.interrupt();
        }
    }

    private RunResult run(Event first, UserChannel user) {
        return loop(List.of(first), user);
    }

    private RunResult loop(List<Event> firstEvents, UserChannel user) {
        interruptRequested = false;
        var pending = new ArrayDeque<>(firstEvents);
        Outcome outcome = null;
        ModelException failure = null;
        while (!pending.isEmpty()) {
            for (Effect effect : record(pending.poll())) {
                boolean startsWork = effect instanceof Effect.CallModel || effect instanceof Effect.CallTools
                        || effect instanceof Effect.AskApproval;
                if (startsWork && interruptRequested) {
                    pending.add(new Event.Interrupt("interrupted by the user"));
                    continue;
                }
                switch (effect) {
                    case Effect.Emit e -> user.show(e.output());
                    case Effect.Finish f -> outcome = f.outcome();
                    case Effect.AskApproval a -> pending.add(
                            new Event.ApprovalDecision(a.call().id(), user.approve(a.call(), a.reason())));
                    case Effect.CallModel m -> {
                        Event result = callModel(user);
                        if (result instanceof Event.ModelFailed && lastFailure != null) failure = lastFailure;
                        pending.add(result);
                    }
                    case Effect.CallTools t -> pending.add(runTools(t, user));
                }
            }
        }
        if (outcome == null) {
            outcome = new Outcome("", false, "the run stopped without finishing", state.turns(), state.toolCalls(), Usage.ZERO);
        }
        return new RunResult(id, outcome, Optional.ofNullable(failure));
    }

    private Event callModel(UserChannel user) {
        lastFailure = null;
        var request = new ModelRequest(modelName, state.messages(), state.tools());
        try {
            var reply = await(() -> setup.model().complete(request, user.stream()));
            return new Event.ModelResponded(CallIds.unique(reply.message(), state.messages()), reply.usage());
        } catch (InterruptedException e) {
            return new Event.Interrupt("interrupted during the model call");
        } catch (ModelException e) {
            if (e.kind() == ModelException.Kind.INTERRUPTED) return new Event.Interrupt("interrupted during the model call");
            lastFailure = e;
            return new Event.ModelFailed(e.getMessage());
        } catch (RuntimeException e) {
            // A bug in a provider must still close the run in the journal, or the session stays stuck.
            return new Event.ModelFailed("internal error in the model client: " + e);
        }
    }

    /** Tool results, real or "interrupted"; then the loop turns a pending interrupt into an Interrupt event. */
    private Event runTools(Effect.CallTools t, UserChannel user) {
        try {
            return new Event.ToolResults(await(() -> toolRunner.run(t.calls(), t.sequential(), id, user)));
        } catch (InterruptedException | RuntimeException e) {
            var failed = new ArrayList<Message.Tool>();
            String why = e instanceof InterruptedException ? ToolRunner.INTERRUPTED : "internal error in the tool runner: " + e;
            for (ToolCall call : t.calls()) failed.add(new Message.Tool(call.id(), call.name(), why, true));
            return new Event.ToolResults(failed);
        }
    }

    /**
     * Runs an effect on this thread where {@link #interrupt()} can reach it. No hand-off to another
     * thread: a model call is most of a turn's work and waiting for it on a second thread only adds
     * a park and an unpark. An interrupt, {@link #interrupt()}'s or the caller's own, does not outlive
     * the effect on the caller's thread: it becomes {@code interruptRequested}, so the loop ends the
     * run with an Interrupt event and nothing new starts.
     */
    private <T> T await(Callable<T> work) throws InterruptedException {
        if (interruptRequested || Thread.interrupted()) {
            interruptRequested = true;
            throw new InterruptedException();
        }
        synchronized (workerLock) {
            worker = Thread.currentThread();
        }
        try {
            if (interruptRequested) throw new InterruptedException(); // asked for before this thread was reachable
            return work.call();
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            synchronized (workerLock) {
                worker = null;
            }
            if (Thread.interrupted()) interruptRequested = true;
        }
    }

    /** Journal first, then step. */
    private List<Effect> record(Event event) {
        if (unwritten == null && (firstTitle == null || !(event instanceof Event.UserMessage))) {
            setup.journal().append(id, event, setup.clock().getAsLong());
            return step(event);
        }
        synchronized (infoLock) {
            var session = info;
            if (firstTitle != null && event instanceof Event.UserMessage) {
                session = session.withTitle(firstTitle);
                firstTitle = null;
            }
            if (unwritten != null) {
                try {
                    setup.journal().start(session, unwritten.event(), unwritten.atMillis(), event, setup.clock().getAsLong());
                } catch (RuntimeException e) {
                    // A journal that wrote the start but failed on the event (one that writes them in turn):
                    // later events go after the start, not into a second start refused as a duplicate.
                    if (exists()) unwritten = null;
                    throw e;
                }
                unwritten = null;
            } else {
                setup.journal().append(session, event, setup.clock().getAsLong());
            }
            info = session;
        }
        return step(event);
    }

    private boolean exists() {
        try {
            return setup.journal().session(id).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Steps the core with an event already journaled. */
    private List<Effect> step(Event event) {
        var step = Agent.step(state, event);
        state = step.state();
        return step.effects();
    }

    // 32 random bits and the clock, as before, without the lock and system calls of SecureRandom: an id names a session, it guards nothing.
    private static String newId(SessionSetup setup) {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + "-" + Long.toString(setup.clock().getAsLong(), 36);
    }

    private static String title(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() <= 60 ? line : line.substring(0, 59) + "…";
    }
}
