package dev.nacre.store;

import dev.nacre.core.Event;
import dev.nacre.core.EventCodec;
import dev.nacre.runtime.EventHash;
import dev.nacre.runtime.EventMessages;
import dev.nacre.runtime.JournalEntry;
import dev.nacre.runtime.MessageText;
import dev.nacre.runtime.SessionInfo;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A write waiting for the next group commit; {@link #result} completes once it is committed (or fails alone). */
sealed interface PendingWrite<T> {
    CompletableFuture<T> result();

    /** Said in a failure: "cannot … file". */
    String doing();

    record Create(SessionInfo session, CompletableFuture<Void> result) implements PendingWrite<Void> {
        @Override
        public String doing() {
            return "create a session in";
        }
    }

    /**
     * A new session, its first event and, when {@code next} is not null, the event after it, in one
     * transaction; refused whole if the session exists. Completes with the last event's entry.
     */
    record Start(SessionInfo session, Encoded first, long atMillis, Encoded next, long nextAtMillis,
            CompletableFuture<JournalEntry> result) implements PendingWrite<JournalEntry> {
        int messages() {
            return first.messages().size() + (next == null ? 0 : next.messages().size());
        }

        @Override
        public String doing() {
            return "create a session in";
        }
    }

    record Update(SessionInfo session, CompletableFuture<Void> result) implements PendingWrite<Void> {
        @Override
        public String doing() {
            return "update a session in";
        }
    }

    /**
     * The event is encoded by the caller's thread, before the queue, so the writer only hashes and
     * inserts. {@code updated}, when not null, is written to the session first, in the same transaction.
     */
    record Append(String sessionId, Encoded event, long atMillis, SessionInfo updated, CompletableFuture<JournalEntry> result)
            implements PendingWrite<JournalEntry> {
        @Override
        public String doing() {
            return "append to";
        }
    }

    /** An event with its canonical JSON (what is stored and hashed), its type, and the text of its messages. */
    record Encoded(Event event, String json, String type, List<IndexedMessage> messages) {
        static Encoded of(Event event) {
            var messages = EventMessages.of(event).stream().map(m -> new IndexedMessage(m.role(), MessageText.of(m))).toList();
            // A session start's tool schemas are printed once per tool list by EventHash, not encoded again per session.
            String json = event instanceof Event.SessionStarted ? EventHash.canonical(event) : EventCodec.encode(event).canonical();
            return new Encoded(event, json, EventCodec.type(event), messages);
        }
    }

    record IndexedMessage(String role, String text) {}
}
