package dev.nacre.testkit;

/**
 * Which server the scripted server imitates. Each streams Server-Sent Events the way that
 * server does; the differences are the ones clients trip over.
 */
public enum Dialect {
    /** OpenAI itself: role-only first delta, arguments split across chunks, usage only when asked. */
    OPENAI("openai", "fp_scripted", "reasoning", true, false, false, true),
    /** llama.cpp server: {@code reasoning_content}, {@code content: null} with the role, usage always sent at the end. */
    LLAMA_CPP("llamacpp", "b6000-scripted", "reasoning_content", true, true, false, true),
    /** vLLM: like OpenAI, reasoning in {@code reasoning}. */
    VLLM("vllm", null, "reasoning", true, false, false, true),
    /**
     * Ollama's {@code /v1} compatibility layer: role repeated in every delta, each tool call whole in one
     * chunk, and finish_reason {@code stop} even when it called tools.
     */
    OLLAMA("library", "fp_ollama", "reasoning", false, false, true, false);

    final String ownedBy;
    final String fingerprint;
    final String reasoningField;
    final boolean roleOnlyFirstChunk;
    final boolean alwaysUsage;
    final boolean roleInEveryDelta;
    final boolean splitsArguments;

    Dialect(String ownedBy, String fingerprint, String reasoningField, boolean roleOnlyFirstChunk,
            boolean alwaysUsage, boolean roleInEveryDelta, boolean splitsArguments) {
        this.ownedBy = ownedBy;
        this.fingerprint = fingerprint;
        this.reasoningField = reasoningField;
        this.roleOnlyFirstChunk = roleOnlyFirstChunk;
        this.alwaysUsage = alwaysUsage;
        this.roleInEveryDelta = roleInEveryDelta;
        this.splitsArguments = splitsArguments;
    }
}
