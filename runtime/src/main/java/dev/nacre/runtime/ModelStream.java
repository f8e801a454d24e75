package dev.nacre.runtime;

/** Receives a reply while it streams. Every method has a do-nothing default. */
public interface ModelStream {
    ModelStream NONE = new ModelStream() {};

    default void text(String delta) {}

    default void reasoning(String delta) {}

    /** A new attempt begins (a retry or a fallback provider): discard what was streamed so far. */
    default void restart(String why) {}
}
