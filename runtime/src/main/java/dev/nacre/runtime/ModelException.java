package dev.nacre.runtime;

/** The model could not answer. The message is one line a user can act on; it never holds an API key. */
public final class ModelException extends RuntimeException {

    public enum Kind {
        /** 401/403: the key is missing or wrong. */
        AUTH,
        /** The server does not serve the requested model. */
        UNKNOWN_MODEL,
        /** No connection could be made. */
        UNREACHABLE,
        TIMEOUT,
        RATE_LIMITED,
        SERVER,
        /** The reply could not be understood. */
        PROTOCOL,
        INTERRUPTED
    }

    private final Kind kind;

    public ModelException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ModelException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the provider refused or could not be reached at all, as opposed to failing mid-run. */
    public boolean refused() {
        return kind == Kind.AUTH || kind == Kind.UNKNOWN_MODEL || kind == Kind.UNREACHABLE;
    }
}
