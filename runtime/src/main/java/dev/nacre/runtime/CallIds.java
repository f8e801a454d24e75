package dev.nacre.runtime;

import dev.nacre.core.Message;
import dev.nacre.core.ToolCall;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes tool-call ids unique in a conversation. Servers may send empty or repeated ids, and ids
 * generated for calls parsed from text restart at each reply; results are matched by id, so a
 * collision would hand one call's result to another. Renaming is deterministic, before journaling.
 */
final class CallIds {
    private CallIds() {}

    static Message.Assistant unique(Message.Assistant reply, List<Message> conversation) {
        if (reply.toolCalls().isEmpty()) return reply;
        Set<String> used = new HashSet<>();
        for (Message m : conversation) {
            if (m instanceof Message.Assistant a) for (ToolCall c : a.toolCalls()) used.add(c.id());
        }
        boolean changed = false;
        var calls = new ArrayList<ToolCall>();
        for (ToolCall c : reply.toolCalls()) {
            String base = c.id().isEmpty() ? "call" : c.id();
            String id = base;
            for (int n = 2; used.contains(id); n++) id = base + "_" + n;
            used.add(id);
            changed |= !id.equals(c.id());
            calls.add(new ToolCall(id, c.name(), c.arguments(), c.argumentError()));
        }
        return changed ? new Message.Assistant(reply.text(), reply.reasoning(), calls) : reply;
    }
}
