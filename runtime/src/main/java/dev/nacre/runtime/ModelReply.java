package dev.nacre.runtime;

import dev.nacre.core.Message;
import dev.nacre.core.Usage;

/** A parsed model reply: tool calls found in the text are already in {@code message.toolCalls()}. */
public record ModelReply(Message.Assistant message, Usage usage, String finishReason) {}
