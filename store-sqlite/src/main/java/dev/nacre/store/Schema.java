package dev.nacre.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables, created or migrated on open. The version lives in {@code PRAGMA user_version};
 * {@code PRAGMA application_id} marks the file as Nacre's. Opening a current database costs one
 * query; only a new or older file takes the write lock.
 */
final class Schema {
    /** "NACR": tells our files apart from other SQLite databases. */
    static final int APPLICATION_ID = 0x4E414352;

    /** MIGRATIONS.get(n) takes a database from version n to n + 1. Append; never edit a shipped one. */
    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            """
            CREATE TABLE sessions (
              id         TEXT PRIMARY KEY,
              title      TEXT NOT NULL,
              model      TEXT NOT NULL,
              created_at INTEGER NOT NULL,
              parent_id  TEXT REFERENCES sessions(id)
            )""",
            "CREATE INDEX sessions_by_created ON sessions(created_at)",
            "CREATE INDEX sessions_by_parent ON sessions(parent_id)",
            """
            CREATE TABLE events (
              session_id TEXT NOT NULL REFERENCES sessions(id),
              seq        INTEGER NOT NULL,
              at         INTEGER NOT NULL,
              type       TEXT NOT NULL,
              json       TEXT NOT NULL,
              hash       TEXT NOT NULL,
              PRIMARY KEY (session_id, seq)
            )""",
            """
            CREATE TRIGGER events_no_update BEFORE UPDATE ON events
            BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE is not allowed'); END""",
            """
            CREATE TRIGGER events_no_delete BEFORE DELETE ON events
            BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE is not allowed'); END""",
            """
            CREATE TABLE messages (
              id         INTEGER PRIMARY KEY,
              session_id TEXT NOT NULL,
              seq        INTEGER NOT NULL,
              role       TEXT NOT NULL,
              content    TEXT NOT NULL,
              at         INTEGER NOT NULL,
              FOREIGN KEY (session_id, seq) REFERENCES events(session_id, seq)
            )""",
            "CREATE INDEX messages_by_event ON messages(session_id, seq)",
            """
            CREATE VIRTUAL TABLE messages_fts USING fts5(
              content, content='messages', content_rowid='id',
              tokenize='porter unicode61 remove_diacritics 2'
            )""",
            """
            CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages
            BEGIN INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content); END""",
            """
            CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
            BEGIN INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.id, old.content); END""",
            """
            CREATE TRIGGER messages_fts_update AFTER UPDATE ON messages BEGIN
              INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
              INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content);
            END"""),
            // Version 2: search is indexed in batches (see SearchIndex) rather than by a trigger per message,
            // which made every commit write an FTS5 segment. Messages become append-only like their events,
            // so the index never has to forget a row it may not have yet. messages_by_event served only
            // deletes of events, which the triggers forbid: one page less per append.
            List.of(
                    "DROP TRIGGER messages_fts_insert",
                    "DROP TRIGGER messages_fts_delete",
                    "DROP TRIGGER messages_fts_update",
                    "DROP INDEX messages_by_event",
                    """
                    CREATE TRIGGER messages_no_update BEFORE UPDATE ON messages
                    BEGIN SELECT RAISE(ABORT, 'messages are append-only: UPDATE is not allowed'); END""",
                    """
                    CREATE TRIGGER messages_no_delete BEFORE DELETE ON messages
                    BEGIN SELECT RAISE(ABORT, 'messages are append-only: DELETE is not allowed'); END""",
                    """
                    CREATE TABLE search_progress (
                      only          INTEGER PRIMARY KEY CHECK (only = 1),
                      indexed_up_to INTEGER NOT NULL
                    )""",
                    // every message of a version-1 file went through the trigger
                    "INSERT INTO search_progress VALUES (1, coalesce((SELECT max(id) FROM messages), 0))"));

    static final int VERSION = MIGRATIONS.size();

    private Schema() {}

    static void migrate(Connection c, StateFile file) throws SQLException {
        migrate(c, file, VERSION);
    }

    /** Up to {@code target} only: lets a test build a file as an older Nacre left it. */
    static void migrate(Connection c, StateFile file, int target) throws SQLException {
        try (Statement s = c.createStatement()) {
            int version = readVersion(s, file);
            if (version >= target) return;
            s.execute("BEGIN IMMEDIATE");
            try {
                version = readVersion(s, file); // another process may have migrated while we waited
                if (version == 0 && hasTables(s)) {
                    throw new StoreException(file.path() + " is a SQLite database that Nacre did not create;"
                            + " move it aside or point NACRE_HOME elsewhere");
                }
                for (int v = version; v < target; v++) { // none when another process got there first
                    for (String sql : MIGRATIONS.get(v)) s.execute(sql);
                }
                s.execute("PRAGMA user_version = " + Math.max(version, target));
                s.execute("PRAGMA application_id = " + APPLICATION_ID);
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                s.execute("ROLLBACK");
                throw e;
            }
        }
    }

    private static int readVersion(Statement s, StateFile file) throws SQLException {
        int version;
        int appId;
        try (var rs = s.executeQuery("SELECT user_version, application_id FROM pragma_user_version, pragma_application_id")) {
            rs.next();
            version = rs.getInt(1);
            appId = rs.getInt(2);
        }
        if (appId != 0 && appId != APPLICATION_ID) {
            throw new StoreException(file.path() + " is a SQLite database of another application;"
                    + " move it aside or point NACRE_HOME elsewhere");
        }
        if (version > VERSION) {
            throw new StoreException(file.path() + " was written by a newer Nacre (schema " + version
                    + "; this one reads up to " + VERSION + "); upgrade Nacre or point NACRE_HOME elsewhere");
        }
        return version;
    }

    private static boolean hasTables(Statement s) throws SQLException {
        try (var rs = s.executeQuery("SELECT 1 FROM sqlite_schema LIMIT 1")) {
            return rs.next();
        }
    }
}
