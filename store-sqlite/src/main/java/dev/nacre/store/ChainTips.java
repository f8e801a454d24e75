package dev.nacre.store;

import dev.nacre.runtime.EventHash;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last seq and hash of recently written sessions, so that an append need not read them back.
 * Only this connection's own commits keep them true: when {@code PRAGMA data_version} says another
 * connection (another process sharing the file) has committed, every tip is forgotten and re-read.
 * Bounded, so a long-lived process with many sessions keeps only the recent ones.
 */
final class ChainTips {
    record Tip(long seq, String hash) {
        /** Where a session without events stands. */
        static final Tip EMPTY = new Tip(0, EventHash.GENESIS);
    }

    private static final int MAX_SESSIONS = 4096;
    private static final long UNKNOWN = Long.MIN_VALUE;

    private final Map<String, Tip> tips = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Tip> eldest) {
            return size() > MAX_SESSIONS;
        }
    };
    private long dataVersion = UNKNOWN;

    /**
     * Called inside a write transaction, so nobody else can commit until it ends: drops every tip if
     * another connection committed since the last call.
     */
    void sync(long currentDataVersion) {
        if (currentDataVersion != dataVersion) {
            tips.clear();
            dataVersion = currentDataVersion;
        }
    }

    Optional<Tip> of(String sessionId) {
        return Optional.ofNullable(tips.get(sessionId));
    }

    void put(String sessionId, Tip tip) {
        tips.put(sessionId, tip);
    }

    /** After a rollback the tips may name entries that were never committed. */
    void forget() {
        tips.clear();
        dataVersion = UNKNOWN;
    }
}
