package dev.nacre.bench;

/**
 * One way of answering the canned conversation inside this JVM: Nacre, LangChain4j, or the bare
 * HTTP floor. {@code open} makes a ready agent (a new conversation); {@code send} is one user
 * message to its final answer, tool calls included.
 */
interface Agents<S> extends AutoCloseable {
    String label();

    S open();

    String send(S session, String message);

    @Override
    default void close() {}
}
