package dev.nacre.core;

/** Malformed JSON text: the message names what was expected and where. */
public final class JsonException extends RuntimeException {
    private final int offset;

    public JsonException(String message, int offset) {
        super(message + " at offset " + offset);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
