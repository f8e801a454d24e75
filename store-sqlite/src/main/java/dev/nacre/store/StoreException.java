package dev.nacre.store;

/**
 * A store failure a user can act on: a state file that cannot be opened, written or read. The
 * message is one line naming the file and what to do; the cause keeps the driver's detail.
 */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
