package dev.nacre.store;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Keeps {@code messages_fts} in step with {@code messages}, in batches. A trigger that indexed each
 * message made every commit write a new FTS5 segment (its leaf, the structure record, docsize, and
 * merge work now and then): about half of an append's pages. Now the rows of {@code messages} are
 * written with their event, as before, and indexed {@value #BATCH} at a time inside an append's own
 * transaction; {@code search_progress.indexed_up_to} says how far. A search indexes whatever is left
 * first, so results are those of an index kept in step on every append. Message ids only grow
 * (writers are serialized and messages are append-only), so "id > indexed_up_to" is exactly the rest.
 */
final class SearchIndex {
    /** Messages left unindexed before an append indexes them: one FTS5 segment per this many. */
    static final int BATCH = 32;

    private static final String BEHIND = "SELECT coalesce((SELECT max(id) FROM messages), 0) - indexed_up_to FROM search_progress";
    private static final String INDEX_REST = "INSERT INTO messages_fts(rowid, content)"
            + " SELECT id, content FROM messages WHERE id > (SELECT indexed_up_to FROM search_progress) ORDER BY id";
    private static final String MARK_DONE = "UPDATE search_progress SET indexed_up_to = coalesce((SELECT max(id) FROM messages), 0)";

    private SearchIndex() {}

    /** How many messages are not indexed yet. */
    static long behind(Statements statements) throws SQLException {
        try (ResultSet rs = statements.get(BEHIND).executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Indexes every message not indexed yet, in a transaction of its own; nothing when none is left. */
    static void catchUpAlone(Statements statements) throws SQLException {
        if (behind(statements) == 0) return;
        statements.inTransaction(() -> {
            catchUp(statements);
            return null;
        });
    }

    /** Indexes every message not indexed yet; call inside a write transaction. */
    static void catchUp(Statements statements) throws SQLException {
        statements.run(INDEX_REST);
        statements.run(MARK_DONE);
    }
}
