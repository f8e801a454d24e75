package dev.nacre.sandbox;

/** A policy file the sandbox cannot accept; the message names the file and the key. */
public final class PolicyException extends RuntimeException {
    public PolicyException(String message) {
        super(message);
    }
}
