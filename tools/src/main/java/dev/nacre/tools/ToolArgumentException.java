package dev.nacre.tools;

/** Arguments the model got wrong; the message is one line telling it what to send instead. */
final class ToolArgumentException extends RuntimeException {
    ToolArgumentException(String message) {
        super(message, null, false, false);
    }
}
