package dev.nacre.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;

/** The database file: opening a connection on it, and saying in one line what went wrong with it. */
final class StateFile {
    // Many agents may share one home: a process waits its turn for the write lock rather than fail.
    static final int BUSY_TIMEOUT_MILLIS = 30_000;

    private final Path path;

    StateFile(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    Path path() {
        return path;
    }

    /**
     * Opens a connection in WAL mode with {@code synchronous=NORMAL}. A commit then writes the
     * WAL frame to the OS (write(2)) before it returns, without an fsync: the kernel holds the data
     * even if the JVM is killed with -9 the next instant, so nothing {@code append} returned for is
     * lost to a process crash. Only a power loss or kernel crash can drop the last commits (the
     * database stays consistent either way); FULL would close that too, at one fsync per append.
     */
    Connection connect() {
        checkLocation();
        var config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        // Otherwise the driver follows every INSERT with a freshly prepared "SELECT last_insert_rowid()".
        config.setGetGeneratedKeys(false);
        try {
            return config.createConnection("jdbc:sqlite:" + path);
        } catch (SQLException e) {
            throw failure("open", e);
        }
    }

    /** Catches the mistakes SQLite would only report as "unable to open database file". */
    private void checkLocation() {
        Path dir = path.getParent();
        if (!Files.exists(dir)) {
            throw new StoreException("cannot open " + path + ": directory " + dir
                    + " does not exist; create it or point NACRE_HOME at an existing directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new StoreException("cannot open " + path + ": " + dir
                    + " is not a directory; point NACRE_HOME at a directory");
        }
        if (Files.isDirectory(path)) {
            throw new StoreException("cannot open " + path + ": it is a directory; move it aside or point NACRE_HOME elsewhere");
        }
        if (!Files.isWritable(dir)) {
            throw new StoreException("cannot open " + path + ": directory " + dir
                    + " is not writable (SQLite keeps its -wal and -shm files there); fix its permissions or point NACRE_HOME elsewhere");
        }
        if (Files.exists(path) && !Files.isWritable(path)) {
            throw new StoreException("cannot open " + path + ": the file is not writable; fix its permissions");
        }
    }

    /** One line naming the file and what to do; the driver's exception stays as the cause. */
    StoreException failure(String doing, SQLException e) {
        String detail = detailOf(e);
        int code = (e instanceof SQLiteException s ? s.getResultCode().code : e.getErrorCode()) & 0xff;
        String message = switch (code) {
            case 11, 26 -> path + " is corrupt or not a SQLite database (" + detail
                    + "); move it aside to start a new one, or restore it from a backup";
            case 5, 6 -> path + " is locked by another process (waited " + BUSY_TIMEOUT_MILLIS / 1000
                    + " s to " + doing + "); close the other Nacre process and retry";
            case 3, 8, 14 -> "cannot " + doing + " " + path + " (" + detail
                    + "); check the permissions of the file and its directory";
            case 13 -> "cannot " + doing + " " + path + ": the disk is full; free some space and retry";
            case 10 -> "cannot " + doing + " " + path + ": I/O error (" + detail + "); check the disk";
            default -> "cannot " + doing + " " + path + ": " + detail;
        };
        return new StoreException(message, e);
    }

    /** sqlite-jdbc says "[CODE] generic text (SQLite's own message)": keep SQLite's words, on one line. */
    private static String detailOf(SQLException e) {
        String m = String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip();
        int open = m.indexOf(" (");
        return m.startsWith("[") && open > 0 && m.endsWith(")") ? m.substring(open + 2, m.length() - 1) : m;
    }
}
