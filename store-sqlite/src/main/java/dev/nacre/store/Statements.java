package dev.nacre.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Prepared statements of one connection, each prepared once. Even {@code BEGIN} and {@code COMMIT}
 * go through here: a plain {@code Statement.execute} prepares and finalizes its SQL on every call.
 */
final class Statements implements AutoCloseable {
    private final Connection connection;
    private final Map<String, PreparedStatement> cache = new HashMap<>();

    Statements(Connection connection) {
        this.connection = connection;
    }

    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement s = cache.get(sql);
        if (s == null) {
            s = connection.prepareStatement(sql);
            cache.put(sql, s);
        }
        return s;
    }

    /** Runs a statement without parameters or results (an INSERT … SELECT, a PRAGMA). */
    void run(String sql) throws SQLException {
        get(sql).execute();
    }

    /** Work on the database that may fail with SQLite's own exception. */
    interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction and commits it, or rolls it back and rethrows. BEGIN
     * IMMEDIATE takes the write lock up front, so another process cannot slip in between read and write.
     */
    <T> T inTransaction(Work<T> work) throws SQLException {
        begin();
        try {
            T result = work.run();
            commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                run("ROLLBACK"); // fails harmlessly when SQLite already rolled back (disk full, I/O error)
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    // BEGIN and COMMIT have methods of their own, which call the driver themselves, so that a profile
    // (bench's JFR profile of the worker pools) tells them apart from each other and from run().
    private void begin() throws SQLException {
        get("BEGIN IMMEDIATE").execute();
    }

    private void commit() throws SQLException {
        get("COMMIT").execute();
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (PreparedStatement s : cache.values()) {
            try {
                s.close();
            } catch (SQLException e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        cache.clear();
        if (first != null) throw first;
    }
}
