package dev.nacre.store;

import dev.nacre.core.Event;
import dev.nacre.core.Message;
import dev.nacre.core.Usage;
import dev.nacre.runtime.JournalEntry;
import java.nio.file.Path;
import java.util.List;

/**
 * The child process of {@link KilledProcessTest}: appends to one session until it is killed,
 * printing "appended N" once each append has returned.
 */
public final class AppendLoop {
    public static void main(String[] args) {
        String session = args[1];
        var journal = SqliteJournal.open(Path.of(args[0]));
        if (journal.session(session).isEmpty()) journal.create(Events.session(session, System.currentTimeMillis()));
        for (long i = 0; ; i++) {
            Event event = switch ((int) (i % 3)) {
                case 0 -> new Event.UserMessage("question " + i + " about the kraken");
                case 1 -> new Event.ModelResponded(Message.Assistant.text("answer " + i), new Usage(i, i));
                default -> new Event.ToolResults(List.of(new Message.Tool("c" + i, "t", "result " + i, false),
                        new Message.Tool("d" + i, "t", "more " + i, false)));
            };
            JournalEntry entry = journal.append(session, event, System.currentTimeMillis());
            System.out.println("appended " + entry.seq());
            System.out.flush();
        }
    }
}
