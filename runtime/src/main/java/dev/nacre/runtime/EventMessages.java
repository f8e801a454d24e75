package dev.nacre.runtime;

import dev.nacre.core.Event;
import dev.nacre.core.Message;
import java.util.List;

/** The messages an event adds to a conversation: what a store indexes and a transcript shows. */
public final class EventMessages {
    private EventMessages() {}

    public static List<Message> of(Event event) {
        return switch (event) {
            case Event.UserMessage u -> List.of(new Message.User(u.text()));
            case Event.ModelResponded r -> List.of(r.message());
            case Event.ToolResults r -> List.copyOf(r.results());
            default -> List.of();
        };
    }
}
