package dev.nacre.core;

import java.util.ArrayList;
import java.util.List;

/** Drives the real {@link Agent} through events, keeping every event and the last step, as the runtime would. */
final class Session {
    static final ToolSpec READ = ToolSpec.of("read", "read a file", Json.EMPTY_OBJ, "files");
    static final ToolSpec GREP = ToolSpec.of("grep", "search files", Json.EMPTY_OBJ, "files");
    static final ToolSpec ASK = ToolSpec.of("ask", "ask the user", Json.EMPTY_OBJ, "ui").asInteractive();
    static final ToolSpec SHELL = ToolSpec.of("shell", "run a command", Json.EMPTY_OBJ, "terminal").needingApproval();
    static final ToolSpec DELETE = ToolSpec.of("delete", "delete a file", Json.EMPTY_OBJ, "files").needingApproval();

    final List<Event> events = new ArrayList<>();
    AgentState state = AgentState.NEW;
    Step last;

    static Session started(int maxTurns, ToolSpec... tools) {
        var s = new Session();
        s.send(new Event.SessionStarted("You are terse.", List.of(tools), maxTurns));
        return s;
    }

    static Session started(ToolSpec... tools) {
        return started(10, tools);
    }

    Step send(Event event) {
        last = Agent.step(state, event);
        events.add(event);
        state = last.state();
        return last;
    }

    Step user(String text) {
        return send(new Event.UserMessage(text));
    }

    Step answer(String text) {
        return send(new Event.ModelResponded(Message.Assistant.text(text), new Usage(10, 2)));
    }

    Step calls(ToolCall... calls) {
        return send(new Event.ModelResponded(new Message.Assistant("", "", List.of(calls)), new Usage(20, 5)));
    }

    Step results(Message.Tool... results) {
        return send(new Event.ToolResults(List.of(results)));
    }

    Step decide(String callId, boolean approved) {
        return send(new Event.ApprovalDecision(callId, approved));
    }

    <E extends Effect> List<E> effects(Class<E> type) {
        return last.effects().stream().filter(type::isInstance).map(type::cast).toList();
    }

    <E extends Effect> E only(Class<E> type) {
        var found = effects(type);
        if (found.size() != 1) throw new AssertionError("expected one " + type.getSimpleName() + " in " + last.effects());
        return found.getFirst();
    }

    List<String> notices() {
        return effects(Effect.Emit.class).stream().map(Effect.Emit::output)
                .filter(o -> o instanceof Output.Notice).map(o -> ((Output.Notice) o).text()).toList();
    }

    static ToolCall call(String id, String name) {
        return ToolCall.of(id, name, Json.object().put("path", id + ".txt").build());
    }

    static Message.Tool ok(String id, String name, String content) {
        return new Message.Tool(id, name, content, false);
    }

    /**
     * What every provider requires of a conversation: a system prompt first, each tool call answered
     * by the next messages in call order, and never two user messages in a row.
     */
    static void assertWellFormed(List<Message> messages) {
        if (!(messages.getFirst() instanceof Message.System)) throw new AssertionError("no system prompt first: " + messages);
        for (int i = 1; i < messages.size(); i++) {
            var m = messages.get(i);
            if (m instanceof Message.User && messages.get(i - 1) instanceof Message.User) {
                throw new AssertionError("two user messages in a row at " + i + ": " + messages);
            }
            if (m instanceof Message.Assistant a) {
                for (int k = 0; k < a.toolCalls().size(); k++) {
                    var call = a.toolCalls().get(k);
                    if (i + 1 + k >= messages.size() || !(messages.get(i + 1 + k) instanceof Message.Tool t)
                            || !t.callId().equals(call.id())) {
                        throw new AssertionError("call " + call.id() + " is not answered in order: " + messages);
                    }
                }
            }
            if (m instanceof Message.Tool t && !(messages.get(i - 1) instanceof Message.Tool)
                    && !(messages.get(i - 1) instanceof Message.Assistant)) {
                throw new AssertionError("tool result without a call before it at " + i + ": " + messages);
            }
        }
    }
}
