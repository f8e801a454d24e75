package dev.nacre.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent loop as a pure function: {@code step(state, event) -> (state', effects)}.
 * No I/O, clock, randomness, threads or reflection, so a journal's events always replay to the
 * same effects.
 */
public final class Agent {
    static final String INTERRUPTED = "interrupted by the user";

    private Agent() {}

    public static Step step(AgentState state, Event event) {
        // Before the switch: a pattern switch's first run spins a class (about 4 ms of a cold start),
        // and setting up a session steps only its start.
        if (event instanceof Event.SessionStarted s) return start(state, s);
        if (!state.started()) {
            throw new IllegalStateException("the first event of a session must be SessionStarted, not " + name(event));
        }
        return switch (event) {
            case Event.SessionStarted s -> start(state, s);
            case Event.UserMessage u -> userMessage(state, u);
            case Event.ModelResponded r -> modelResponded(state, r);
            case Event.ModelFailed f -> state.phase() instanceof Phase.AwaitingModel
                    ? finish(state, "", false, "model failed: " + f.error())
                    : ignored(state, event);
            case Event.ToolResults r -> toolResults(state, r);
            case Event.ApprovalDecision d -> approval(state, d);
            case Event.Interrupt i -> interrupt(state);
            case Event.Undo u -> undo(state);
            case Event.ToolAudit a -> new Step(state, List.of());
        };
    }

    /** Folds events from the start of a session, as replay and resume do. */
    public static AgentState replay(List<Event> events) {
        AgentState state = AgentState.NEW;
        for (Event e : events) state = step(state, e).state();
        return state;
    }

    private static Step start(AgentState state, Event.SessionStarted s) {
        if (state.started()) throw new IllegalStateException("session already started");
        var fresh = new AgentState(s.systemPrompt(), s.tools(), s.maxTurns(),
                List.of(new Message.System(s.systemPrompt())), Phase.IDLE, 0, 0, Usage.ZERO, Usage.ZERO);
        return new Step(fresh, List.of());
    }

    private static Step userMessage(AgentState state, Event.UserMessage u) {
        if (!state.idle()) return ignored(state, u);
        // Never two user messages in a row: an interrupted run leaves the user's last words unanswered.
        var messages = state.messages();
        AgentState next;
        if (messages.getLast() instanceof Message.User(String previous)) {
            var copy = new ArrayList<>(messages.subList(0, messages.size() - 1));
            copy.add(new Message.User(previous + "\n\n" + u.text()));
            next = state.withMessages(copy);
        } else {
            next = state.append(new Message.User(u.text()));
        }
        next = next.newRun().with(Phase.AWAITING_MODEL);
        return new Step(next, List.of(callModel(next)));
    }

    private static Step modelResponded(AgentState state, Event.ModelResponded r) {
        if (!(state.phase() instanceof Phase.AwaitingModel)) return ignored(state, r);
        var reply = r.message();
        var next = state.append(reply).counted(r.usage(), reply.toolCalls().size());
        if (reply.toolCalls().isEmpty()) {
            return finish(next, reply.text(), true, "answered");
        }
        Map<String, Message.Tool> decided = new LinkedHashMap<>();
        for (ToolCall call : reply.toolCalls()) {
            var spec = spec(state, call.name());
            if (spec == null) {
                decided.put(call.id(), error(call, "unknown tool '" + call.name() + "'; available tools: " + toolNames(state)));
            } else if (call.malformed()) {
                decided.put(call.id(), error(call, "invalid arguments: " + call.argumentError()));
            }
        }
        return nextApprovalOrDispatch(next, reply.toolCalls(), decided, List.of());
    }

    private static Step nextApprovalOrDispatch(AgentState state, List<ToolCall> batch,
                                               Map<String, Message.Tool> decided, List<String> approved) {
        var asked = pendingApproval(state, batch, decided, approved);
        if (asked != null) {
            var next = state.with(new Phase.AwaitingApproval(batch, decided, approved));
            return new Step(next, List.of(new Effect.AskApproval(asked, "'" + asked.name() + "' needs your approval")));
        }
        var toRun = new ArrayList<ToolCall>();
        boolean sequential = false;
        var effects = new ArrayList<Effect>();
        for (ToolCall call : batch) {
            if (decided.containsKey(call.id())) continue;
            toRun.add(call);
            effects.add(new Effect.Emit(new Output.ToolStarted(call)));
            sequential |= spec(state, call.name()).interactive();
        }
        var next = state.with(new Phase.AwaitingTools(batch, decided));
        if (toRun.isEmpty()) {
            return toolResults(next, new Event.ToolResults(List.of()));
        }
        effects.add(new Effect.CallTools(toRun, sequential));
        return new Step(next, effects);
    }

    /** The first call of the batch that still waits for the user's decision, or null. */
    private static ToolCall pendingApproval(AgentState state, List<ToolCall> batch,
                                            Map<String, Message.Tool> decided, List<String> approved) {
        for (ToolCall call : batch) {
            var spec = spec(state, call.name());
            if (spec != null && spec.needsApproval() && !decided.containsKey(call.id()) && !approved.contains(call.id())) {
                return call;
            }
        }
        return null;
    }

    private static Step approval(AgentState state, Event.ApprovalDecision d) {
        if (!(state.phase() instanceof Phase.AwaitingApproval(var batch, var decided, var approved))) {
            return ignored(state, d);
        }
        // Only the call that AskApproval named may be decided; anything else would re-ask or overwrite a result.
        ToolCall call = pendingApproval(state, batch, decided, approved);
        if (call == null || !call.id().equals(d.callId())) return ignored(state, d);
        var nextDecided = new LinkedHashMap<>(decided);
        var nextApproved = new ArrayList<>(approved);
        if (d.approved()) {
            nextApproved.add(call.id());
        } else {
            nextDecided.put(call.id(), error(call, "the user denied this call"));
        }
        return nextApprovalOrDispatch(state, batch, nextDecided, nextApproved);
    }

    private static Step toolResults(AgentState state, Event.ToolResults r) {
        if (!(state.phase() instanceof Phase.AwaitingTools(var batch, var decided))) return ignored(state, r);
        // A result the core already decided (denied, unknown tool, bad arguments) stands: that call never ran.
        Map<String, Message.Tool> byId = new LinkedHashMap<>(decided);
        for (Message.Tool t : r.results()) byId.putIfAbsent(t.callId(), t);
        var next = state;
        var effects = new ArrayList<Effect>();
        for (ToolCall call : batch) {
            var result = byId.get(call.id());
            if (result == null) result = error(call, "the tool returned no result");
            next = next.append(result);
            effects.add(new Effect.Emit(new Output.ToolFinished(result)));
        }
        if (next.turns() >= next.maxTurns()) {
            var done = finish(next, "", false, "iteration budget of " + next.maxTurns() + " turns exhausted");
            effects.addAll(done.effects());
            return new Step(done.state(), effects);
        }
        next = next.with(Phase.AWAITING_MODEL);
        effects.add(callModel(next));
        return new Step(next, effects);
    }

    private static Step interrupt(AgentState state) {
        return switch (state.phase()) {
            case Phase.Idle i -> new Step(state, List.of());
            case Phase.AwaitingModel m -> finish(state, "", false, INTERRUPTED);
            case Phase.AwaitingApproval(var batch, var decided, var approved) -> closeBatch(state, batch, decided);
            case Phase.AwaitingTools(var batch, var decided) -> closeBatch(state, batch, decided);
        };
    }

    // Every tool call must be answered before the next model call, so an interrupted batch is closed with errors.
    private static Step closeBatch(AgentState state, List<ToolCall> batch, Map<String, Message.Tool> decided) {
        var next = state;
        for (ToolCall call : batch) {
            next = next.append(decided.getOrDefault(call.id(), error(call, INTERRUPTED)));
        }
        return finish(next, "", false, INTERRUPTED);
    }

    private static Step undo(AgentState state) {
        if (!state.idle()) return ignored(state, new Event.Undo());
        var messages = state.messages();
        for (int i = messages.size() - 1; i > 0; i--) {
            if (messages.get(i) instanceof Message.User) {
                return new Step(state.withMessages(messages.subList(0, i)), List.of());
            }
        }
        return new Step(state, List.of(new Effect.Emit(new Output.Notice("nothing to undo"))));
    }

    private static Step finish(AgentState state, String answer, boolean completed, String reason) {
        var next = state.with(Phase.IDLE);
        var outcome = new Outcome(answer, completed, reason, next.turns(), next.toolCalls(), next.runUsage());
        var effects = new ArrayList<Effect>();
        if (completed && state.messages().getLast() instanceof Message.Assistant a) {
            effects.add(new Effect.Emit(new Output.Answer(a.text(), a.reasoning())));
        }
        effects.add(new Effect.Finish(outcome));
        return new Step(next, effects);
    }

    private static Step ignored(AgentState state, Event event) {
        return new Step(state, List.of(new Effect.Emit(new Output.Notice(
                "ignored " + name(event) + " while " + name(state.phase())))));
    }

    private static Effect callModel(AgentState state) {
        return new Effect.CallModel(state.messages(), state.tools());
    }

    private static ToolSpec spec(AgentState state, String name) {
        for (ToolSpec s : state.tools()) if (s.name().equals(name)) return s;
        return null;
    }

    private static String toolNames(AgentState state) {
        var names = new ArrayList<String>();
        for (ToolSpec s : state.tools()) names.add(s.name());
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    private static Message.Tool error(ToolCall call, String text) {
        return new Message.Tool(call.id(), call.name(), text, true);
    }

    // Explicit names, not getClass().getSimpleName(): no reflection, and the same text on the JVM and in Wasm.
    private static String name(Event event) {
        return switch (event) {
            case Event.SessionStarted e -> "SessionStarted";
            case Event.UserMessage e -> "UserMessage";
            case Event.ModelResponded e -> "ModelResponded";
            case Event.ModelFailed e -> "ModelFailed";
            case Event.ToolResults e -> "ToolResults";
            case Event.ApprovalDecision e -> "ApprovalDecision";
            case Event.Interrupt e -> "Interrupt";
            case Event.Undo e -> "Undo";
            case Event.ToolAudit e -> "ToolAudit";
        };
    }

    private static String name(Phase phase) {
        return switch (phase) {
            case Phase.Idle p -> "Idle";
            case Phase.AwaitingModel p -> "AwaitingModel";
            case Phase.AwaitingApproval p -> "AwaitingApproval";
            case Phase.AwaitingTools p -> "AwaitingTools";
        };
    }
}
