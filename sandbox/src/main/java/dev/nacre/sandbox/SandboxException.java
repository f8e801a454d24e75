package dev.nacre.sandbox;

/** A one-line failure a user can cause (bad module, bad arguments), tagged with its kind. */
public class SandboxException extends RuntimeException {
    private final ErrorKind kind;

    public SandboxException(ErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SandboxException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ErrorKind kind() {
        return kind;
    }
}
