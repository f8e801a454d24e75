package dev.nacre.runtime;

/** The one seam to a language model. Implementations retry and fall back on their own. */
public interface ModelClient {

    /**
     * Sends the conversation and returns the model's whole reply; streamed pieces go to
     * {@code stream} as they arrive. Throws {@link ModelException} when the model cannot answer.
     * Must stop promptly when the calling thread is interrupted.
     */
    ModelReply complete(ModelRequest request, ModelStream stream);

    /** The model used when a request names none. */
    String defaultModel();
}
