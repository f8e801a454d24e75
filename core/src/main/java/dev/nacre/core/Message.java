package dev.nacre.core;

import java.util.List;

/** A conversation message, in the OpenAI chat shape that every provider we speak understands. */
public sealed interface Message {

    String role();

    record System(String text) implements Message {
        public String role() {
            return "system";
        }
    }

    record User(String text) implements Message {
        public String role() {
            return "user";
        }
    }

    /** The model's turn: its answer text, its reasoning (kept, never shown as the answer), its tool calls. */
    record Assistant(String text, String reasoning, List<ToolCall> toolCalls) implements Message {
        public Assistant {
            toolCalls = List.copyOf(toolCalls);
        }

        public static Assistant text(String text) {
            return new Assistant(text, "", List.of());
        }

        public String role() {
            return "assistant";
        }
    }

    /** A tool's result, answering the call with the same id. */
    record Tool(String callId, String name, String content, boolean isError) implements Message {
        public String role() {
            return "tool";
        }
    }
}
