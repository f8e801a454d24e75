package dev.nacre.store;

import dev.nacre.core.Event;
import java.nio.file.Path;

/**
 * The child process of {@link CloseAtExitTest}: appends {@code args[2]} messages to a new session,
 * then ends with {@link SqliteJournal#closeAtExit()} or {@link SqliteJournal#close()} (per
 * {@code args[1]}) and exits.
 */
public final class ExitingWriter {
    public static void main(String[] args) {
        var journal = SqliteJournal.open(Path.of(args[0]));
        journal.create(Events.session("s", 1));
        int count = Integer.parseInt(args[2]);
        for (int i = 0; i < count; i++) {
            journal.append("s", new Event.UserMessage("message " + i + " about the narwhal"), 2 + i);
        }
        if (args[1].equals("at-exit")) {
            journal.closeAtExit();
        } else {
            journal.close();
        }
        System.exit(0);
    }
}
