package dev.nacre.runtime;

import dev.nacre.core.Message;

/** The searchable text of a message. */
public final class MessageText {
    private MessageText() {}

    public static String of(Message m) {
        return switch (m) {
            case Message.System s -> s.text();
            case Message.User u -> u.text();
            case Message.Assistant a -> a.text();
            case Message.Tool t -> t.content();
        };
    }
}
