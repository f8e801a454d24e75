package dev.nacre.cli;

/** The exit codes of {@code nacre}, as documented in the README. */
final class ExitCode {
    static final int OK = 0;
    /** The run failed or exhausted its budget. */
    static final int FAILED = 1;
    /** Usage or configuration error. */
    static final int USAGE = 2;
    /** The model provider was unreachable or refused (auth, unknown model). */
    static final int PROVIDER = 3;

    private ExitCode() {}
}
