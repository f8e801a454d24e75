package dev.nacre.cli;

/** A mistake the user can fix (bad flag, bad config): printed as one line, exit code 2. */
final class UsageError extends RuntimeException {
    UsageError(String message) {
        super(message);
    }
}
